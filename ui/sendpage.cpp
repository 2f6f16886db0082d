#include "ui/sendpage.h"

#include <QComboBox>
#include <QCompleter>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShowEvent>
#include <QVBoxLayout>

#include "core/encoding.h"
#include "ui/addressbookmodel.h"
#include "ui/guiutil.h"
#include "ui/nodemodel.h"
#include "ui/overviewpage.h"
#include "ui/pageutil.h"
#include "ui/txpanel.h"
#include "ui/walletmodel.h"
#include "ui/workerjob.h"
#include "wallet/tx_builder.h"

namespace allora::ui {

namespace {

enum FeeChoice { FeeLow, FeeNormal, FeeHigh, FeeCustom };

struct Refreshed {
    Result<AccountSnapshot> account = AccountSnapshot{};
    Result<std::string> gasPrice = std::string();
};

}  // namespace

SendPage::SendPage(WalletModel* wallet, NodeModel* node, AddressBookModel* book, QWidget* parent)
    : QWidget(parent), wallet_(wallet), node_(node), book_(book) {
    setObjectName(QStringLiteral("sendPage"));
    auto* title = pageHeading(tr("Send"), this);

    recipient_ = new QLineEdit(this);
    recipient_->setObjectName(QStringLiteral("recipientEdit"));
    recipient_->setPlaceholderText(tr("allo1… or a label from the address book"));
    recipient_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    recipient_->setAccessibleName(tr("Recipient"));
    if (book_ != nullptr) {
        auto* completer = new QCompleter(book_, this);
        completer->setCompletionColumn(AddressBookModel::LabelColumn);
        completer->setCaseSensitivity(Qt::CaseInsensitive);
        completer->setFilterMode(Qt::MatchContains);
        recipient_->setCompleter(completer);
    }
    recipientStatus_ = new QLabel(this);
    recipientStatus_->setObjectName(QStringLiteral("recipientStatusLabel"));
    recipientStatus_->setWordWrap(true);
    connect(recipient_, &QLineEdit::textChanged, this, &SendPage::validateRecipient);

    amount_ = new QLineEdit(this);
    amount_->setObjectName(QStringLiteral("amountEdit"));
    amount_->setPlaceholderText(QStringLiteral("0.0"));
    amount_->setAccessibleName(tr("Amount"));
    unit_ = new QComboBox(this);
    unit_->setObjectName(QStringLiteral("unitCombo"));
    unit_->addItem(QStringLiteral("ALLO"));
    unit_->addItem(QStringLiteral("uallo"));
    unit_->setAccessibleName(tr("Unit"));
    available_ = new QLabel(this);
    available_->setObjectName(QStringLiteral("availableLabel"));
    available_->setForegroundRole(QPalette::PlaceholderText);
    auto* amountRow = new QHBoxLayout;
    amountRow->addWidget(amount_, 1);
    amountRow->addWidget(unit_);

    feeChoice_ = new QComboBox(this);
    feeChoice_->setObjectName(QStringLiteral("feeCombo"));
    feeChoice_->addItems({tr("Low (the minimum)"), tr("Normal"), tr("High"), tr("Custom")});
    feeChoice_->setCurrentIndex(FeeNormal);
    feeChoice_->setAccessibleName(tr("Fee"));
    customFee_ = new QLineEdit(this);
    customFee_->setObjectName(QStringLiteral("customFeeEdit"));
    customFee_->setPlaceholderText(tr("fee in ALLO"));
    customFee_->setAccessibleName(tr("Custom fee in ALLO"));
    customFee_->setEnabled(false);
    feeLabel_ = new QLabel(this);
    feeLabel_->setObjectName(QStringLiteral("feeLabel"));
    auto* feeRow = new QHBoxLayout;
    feeRow->addWidget(feeChoice_);
    feeRow->addWidget(customFee_, 1);
    connect(feeChoice_, &QComboBox::currentIndexChanged, this, &SendPage::updateFee);
    connect(customFee_, &QLineEdit::textChanged, this, &SendPage::updateFee);

    memo_ = new QLineEdit(this);
    memo_->setObjectName(QStringLiteral("memoEdit"));
    memo_->setMaxLength(256);
    memo_->setPlaceholderText(tr("optional, public"));
    memo_->setAccessibleName(tr("Memo"));

    auto* form = new QFormLayout;
    auto addRow = [&](const QString& label, QWidget* field) {
        auto* l = new QLabel(label, this);
        l->setBuddy(field);
        form->addRow(l, field);
    };
    addRow(tr("&Pay to:"), recipient_);
    form->addRow(QString(), recipientStatus_);
    auto* amountLabel = new QLabel(tr("&Amount:"), this);
    amountLabel->setBuddy(amount_);
    form->addRow(amountLabel, amountRow);
    form->addRow(QString(), available_);
    auto* feeTitle = new QLabel(tr("F&ee:"), this);
    feeTitle->setBuddy(feeChoice_);
    form->addRow(feeTitle, feeRow);
    form->addRow(QString(), feeLabel_);
    addRow(tr("&Memo:"), memo_);

    reviewButton_ = new QPushButton(tr("&Review…"), this);
    reviewButton_->setObjectName(QStringLiteral("sendButton"));
    reviewButton_->setDefault(true);
    connect(reviewButton_, &QPushButton::clicked, this, &SendPage::review);
    panel_ = new TxPanel(QStringLiteral("send"), tr("Sign and &send"), wallet_, node_, this);
    connect(panel_, &TxPanel::message, this, &SendPage::message);
    connect(panel_, &TxPanel::busyChanged, reviewButton_, &QWidget::setDisabled);
    connect(panel_, &TxPanel::included, this, [this](const TxOutcome& r) {
        if (r.code == 0) {
            amount_->clear();
            memo_->clear();
            Q_EMIT message(tr("Sent: included in block %1.").arg(r.height));
        }
        account_.reset();
        refresh();
        Q_EMIT sent();
    });

    auto* formBox = new QWidget(this);
    formBox->setMaximumWidth(760);
    auto* inner = new QVBoxLayout(formBox);
    inner->setContentsMargins(0, 0, 0, 0);
    inner->addLayout(form);
    auto* buttonRow = new QHBoxLayout;
    buttonRow->addStretch(1);
    buttonRow->addWidget(reviewButton_);
    inner->addLayout(buttonRow);
    inner->addWidget(panel_);
    // Enter in any field reviews the send, as Review does.
    setDefaultAction(formBox, [this] { review(); });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->addWidget(title);
    layout->addSpacing(12);
    layout->addWidget(formBox);
    layout->addStretch(1);

    connect(wallet_, &WalletModel::activeKeyChanged, this, [this] {
        account_.reset();
        refresh();
    });
    if (node_ != nullptr) {
        connect(node_, &NodeModel::stateChanged, this, [this] {
            gasPrice_.reset();
            refresh();
        });
    }
    validateRecipient();
    updateFee();
}

void SendPage::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    refresh();
}

void SendPage::setRecipient(const QString& address) {
    recipient_->setText(address);
}

void SendPage::refresh() {
    const auto key = wallet_->activeKey();
    auto api = node_ != nullptr ? node_->api() : nullptr;
    if (!key || !api) {
        available_->setText(tr("The node is not running: start it on the Overview page to send."));
        updateFee();
        return;
    }
    if (refreshing_) return;
    refreshing_ = true;
    runOnWorker(
        this, node_->queryPool(),
        [api, address = key->address] {
            Refreshed r;
            r.account = readAccount(*api, address);
            r.gasPrice = readMinGasPrice(*api);
            return r;
        },
        [this](Refreshed r) {
            refreshing_ = false;
            if (r.account) {
                account_ = *r.account;
                available_->setText(tr("Spendable: %1").arg(formatAllo(account_->spendable, true)));
            } else {
                available_->setText(tr("Could not read the balance: %1")
                                        .arg(QString::fromStdString(r.account.message())));
            }
            if (r.gasPrice) gasPrice_ = *r.gasPrice;
            updateFee();
        });
}

QString SendPage::resolveRecipient() const {
    const QString text = recipient_->text().trimmed();
    if (book_ != nullptr)
        for (const auto& e : book_->entries())
            if (e.label.compare(text, Qt::CaseInsensitive) == 0) return e.address;
    return text;
}

void SendPage::validateRecipient() {
    const QString text = recipient_->text().trimmed();
    const QString address = resolveRecipient();
    QString status;
    switch (checkAddress(address.toStdString())) {
        case AddressProblem::None:
            if (address != text)
                status = tr("%1: %2").arg(text, address);
            else if (book_ != nullptr && !book_->labelOf(address).isEmpty())
                status = tr("In your address book as “%1”.").arg(book_->labelOf(address));
            else
                status = tr("A valid address.");
            break;
        case AddressProblem::Empty:
            status = QString();
            break;
        case AddressProblem::WrongPrefix:
            status = tr("Not an Allora address: it must start with allo1.");
            break;
        case AddressProblem::BadChecksum:
            status = tr("This address has a typo: its checksum does not match.");
            break;
        case AddressProblem::BadCharacters:
            status = tr("This address holds characters an address cannot have.");
            break;
        case AddressProblem::WrongLength:
            status = tr("This address is too short or too long.");
            break;
    }
    recipientStatus_->setText(status);
}

void SendPage::updateFee() {
    const int choice = feeChoice_->currentIndex();
    customFee_->setEnabled(choice == FeeCustom);
    if (choice == FeeCustom) {
        auto fee = Amount::parse(customFee_->text().trimmed().toStdString(), Amount::Unit::Allo);
        feeLabel_->setText(fee ? tr("Fee: %1 for %2 gas").arg(formatAllo(*fee, true)).arg(kSendGas)
                               : tr("Enter the fee in ALLO, e.g. 0.002."));
        return;
    }
    if (!gasPrice_) {
        feeLabel_->setText(tr("The fee is known once the node is running."));
        return;
    }
    static const uint64_t factors[][2] = {{1, 1}, {3, 2}, {2, 1}};
    static const char* const multiples[] = {"1", "1.5", "2"};
    auto fee = feeFor(*gasPrice_, kSendGas, factors[choice][0], factors[choice][1]);
    feeLabel_->setText(fee ? tr("Fee: %1 (%2 × the minimum: %3 uallo per gas × %4 gas)")
                                 .arg(formatAllo(*fee, true),
                                      QString::fromLatin1(multiples[choice]),
                                      QString::fromStdString(*gasPrice_))
                                 .arg(kSendGas)
                           : QString::fromStdString(fee.message()));
}

std::optional<SendPage::Draft> SendPage::readForm(QString& problem) const {
    Draft d;
    const QString address = resolveRecipient();
    switch (checkAddress(address.toStdString())) {
        case AddressProblem::None:
            break;
        case AddressProblem::Empty:
            problem = tr("Enter the recipient's address.");
            return {};
        default:
            problem = tr("“%1” is not a valid Allora address. Nothing was sent.")
                          .arg(recipient_->text().trimmed());
            return {};
    }
    d.to = address.toStdString();
    const bool allo = unit_->currentIndex() == 0;
    auto amount = Amount::parse(amount_->text().trimmed().toStdString(),
                                allo ? Amount::Unit::Allo : Amount::Unit::Uallo);
    if (!amount || amount->isZero()) {
        problem = allo ? tr("Enter an amount in ALLO greater than zero, e.g. 1.5 (at most 18 "
                            "decimals).")
                       : tr("Enter a whole number of uallo greater than zero.");
        return {};
    }
    d.amount = *amount;
    const int choice = feeChoice_->currentIndex();
    if (choice == FeeCustom) {
        auto fee = Amount::parse(customFee_->text().trimmed().toStdString(), Amount::Unit::Allo);
        if (!fee) {
            problem = tr("Enter the custom fee in ALLO, e.g. 0.002.");
            return {};
        }
        d.fee = *fee;
    } else {
        if (!gasPrice_) {
            problem = tr("The node is not running: start it on the Overview page to send.");
            return {};
        }
        static const uint64_t factors[][2] = {{1, 1}, {3, 2}, {2, 1}};
        auto fee = feeFor(*gasPrice_, kSendGas, factors[choice][0], factors[choice][1]);
        if (!fee) {
            problem = QString::fromStdString(fee.message());
            return {};
        }
        d.fee = *fee;
    }
    if (!account_) {
        problem = tr("The balance is not known yet: wait for the node, then try again.");
        return {};
    }
    auto needed = d.amount.add(d.fee);
    if (!needed || *needed > account_->spendable) {
        problem = tr("The amount plus the fee (%1) is more than your spendable balance (%2). "
                     "Nothing was sent.")
                      .arg(needed ? formatAllo(*needed, true) : amount_->text(),
                           formatAllo(account_->spendable, true));
        return {};
    }
    d.memo = memo_->text().toStdString();
    return d;
}

void SendPage::review() {
    if (panel_->isBusy()) return;
    panel_->showMessage(QString());
    QString problem;
    const auto draft = readForm(problem);
    if (!draft) {
        fail(problem);
        return;
    }
    const QString to = QString::fromStdString(draft->to);
    const QString label = book_ != nullptr ? book_->labelOf(to) : QString();
    QString text = tr("Send %1 to %2%3, paying a fee of %4.")
                       .arg(formatAllo(draft->amount, true), to,
                            label.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(label),
                            formatAllo(draft->fee, true));
    if (!draft->memo.empty())
        text += QLatin1Char(' ') + tr("Memo: “%1”.").arg(QString::fromStdString(draft->memo));
    const auto key = wallet_->activeKey();
    if (!key) {
        fail(tr("Open a wallet first."));
        return;
    }
    TxSubmitter::Request request;
    request.messages.push_back(
        wallet::makeMsgSend(key->address, draft->to, {{"uallo", draft->amount.toUalloString()}}));
    request.spend = draft->amount;
    request.fee = draft->fee;
    request.gas = kSendGas;
    request.memo = draft->memo;
    panel_->review(text, std::move(request));
}

void SendPage::fail(const QString& text) {
    panel_->showMessage(text);
    Q_EMIT message(text);
}

}  // namespace allora::ui
