#include "ui/welcomepage.h"

#include <QButtonGroup>
#include <QLabel>
#include <QRadioButton>
#include <QVBoxLayout>

namespace allora::ui {

namespace {

// A choice's explanation, indented under its radio button.
QLabel* explanation(const QString& text, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setContentsMargins(24, 0, 0, 0);
    return label;
}

}  // namespace

WelcomePage::WelcomePage(QWidget* parent)
    : QWizardPage(parent),
      createRadio_(new QRadioButton(tr("&Create a new wallet"), this)),
      restoreRadio_(new QRadioButton(tr("&Restore from recovery phrase"), this)) {
    setObjectName(QStringLiteral("welcomePage"));
    setTitle(tr("Welcome to Allora"));
    setSubTitle(tr("Your keys stay on this computer, encrypted with a password you choose."));

    createRadio_->setObjectName(QStringLiteral("createRadio"));
    restoreRadio_->setObjectName(QStringLiteral("restoreRadio"));
    createRadio_->setChecked(true);
    auto* group = new QButtonGroup(this);
    group->addButton(createRadio_);
    group->addButton(restoreRadio_);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(createRadio_);
    layout->addWidget(explanation(tr("A new 24-word recovery phrase is made for you. You write it "
                                     "down; it is the only backup of your funds."),
                                  this));
    layout->addSpacing(12);
    layout->addWidget(restoreRadio_);
    layout->addWidget(explanation(tr("Enter the 12 or 24 words of a wallet you already have, for "
                                     "example from Keplr or allorad."),
                                  this));
    layout->addStretch(1);
}

bool WelcomePage::restoreChosen() const {
    return restoreRadio_->isChecked();
}

}  // namespace allora::ui
