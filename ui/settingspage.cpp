#include "ui/settingspage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QFormLayout>
#include <QLabel>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

#include "ui/pageutil.h"

namespace allora::ui {

namespace {

// Locks the wallet after this long without input unless the user chose otherwise.
constexpr int kDefaultAutoLockMinutes = 15;

}  // namespace

SettingsPage::SettingsPage(QWidget* parent)
    : QWidget(parent), persistent_(!QCoreApplication::organizationName().isEmpty()) {
    setObjectName(QStringLiteral("settingsPage"));
    theme_ = new QComboBox(this);
    theme_->setObjectName(QStringLiteral("settingsThemeCombo"));
    theme_->addItem(tr("Follow the system"), static_cast<int>(Theme::System));
    theme_->addItem(tr("Light"), static_cast<int>(Theme::Light));
    theme_->addItem(tr("Dark"), static_cast<int>(Theme::Dark));
    theme_->setAccessibleName(tr("Theme"));
    unit_ = new QComboBox(this);
    unit_->setObjectName(QStringLiteral("settingsUnitCombo"));
    unit_->addItem(tr("ALLO (1 ALLO = 10¹⁸ uallo)"), static_cast<int>(DisplayUnit::Allo));
    unit_->addItem(tr("uallo (whole units)"), static_cast<int>(DisplayUnit::Uallo));
    unit_->setAccessibleName(tr("Unit of amounts"));
    autoLock_ = new QSpinBox(this);
    autoLock_->setObjectName(QStringLiteral("settingsAutoLockSpin"));
    autoLock_->setRange(0, 24 * 60);
    autoLock_->setSuffix(tr(" min"));
    autoLock_->setSpecialValueText(tr("Never"));
    autoLock_->setValue(kDefaultAutoLockMinutes);
    autoLock_->setAccessibleName(tr("Lock the wallet after minutes without use"));
    notify_ = new QCheckBox(tr("&Notify me of incoming funds"), this);
    notify_->setObjectName(QStringLiteral("settingsNotifyCheck"));
    notify_->setChecked(true);
    notifyRewards_ = new QCheckBox(tr("Notify me of staking &rewards as they accrue"), this);
    notifyRewards_->setObjectName(QStringLiteral("settingsNotifyRewardsCheck"));
    notifyRewards_->setToolTip(
        tr("The rewards of your delegations to reputers, at most one notice every few minutes"));
    notifyRewards_->setChecked(true);

    auto* form = new QFormLayout;
    auto addRow = [&](const QString& label, QWidget* field) {
        auto* l = new QLabel(label, this);
        l->setBuddy(field);
        form->addRow(l, field);
    };
    addRow(tr("&Theme:"), theme_);
    addRow(tr("&Amounts in:"), unit_);
    addRow(tr("&Lock after:"), autoLock_);
    form->addRow(QString(), notify_);
    form->addRow(QString(), notifyRewards_);
    auto* box = new QWidget(this);
    box->setMaximumWidth(640);
    box->setLayout(form);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->addWidget(pageHeading(tr("Settings"), this));
    layout->addSpacing(8);
    layout->addWidget(box);
    layout->addWidget(captionLabel(
        tr("Locking forgets any password typed in this window; keys are never kept unlocked."),
        this));
    layout->addStretch(1);

    load();
    for (QComboBox* c : {theme_, unit_})
        connect(c, &QComboBox::currentIndexChanged, this, [this] {
            apply();
            save();
        });
    connect(unit_, &QComboBox::currentIndexChanged, this, &SettingsPage::unitChanged);
    connect(autoLock_, &QSpinBox::valueChanged, this, [this](int minutes) {
        save();
        Q_EMIT autoLockChanged(minutes);
    });
    for (QCheckBox* c : {notify_, notifyRewards_})
        connect(c, &QCheckBox::toggled, this, [this] { save(); });
    // The saved theme and unit apply from the start; the system theme is Qt's default already.
    if (theme() != Theme::System || unit() != DisplayUnit::Allo) apply();
}

Theme SettingsPage::theme() const {
    return static_cast<Theme>(theme_->currentData().toInt());
}

DisplayUnit SettingsPage::unit() const {
    return static_cast<DisplayUnit>(unit_->currentData().toInt());
}

int SettingsPage::autoLockMinutes() const {
    return autoLock_->value();
}

bool SettingsPage::notifications() const {
    return notify_->isChecked();
}

bool SettingsPage::rewardNotifications() const {
    return notifyRewards_->isChecked();
}

void SettingsPage::apply() {
    applyTheme(theme());
    setDisplayUnit(unit());
}

void SettingsPage::load() {
    if (!persistent_) return;
    QSettings s;
    const int theme = theme_->findData(s.value(QStringLiteral("ui/theme"), 0).toInt());
    theme_->setCurrentIndex(theme >= 0 ? theme : 0);
    const int unit = unit_->findData(s.value(QStringLiteral("ui/unit"), 0).toInt());
    unit_->setCurrentIndex(unit >= 0 ? unit : 0);
    autoLock_->setValue(
        s.value(QStringLiteral("wallet/autoLockMinutes"), kDefaultAutoLockMinutes).toInt());
    notify_->setChecked(s.value(QStringLiteral("ui/notifications"), true).toBool());
    notifyRewards_->setChecked(s.value(QStringLiteral("ui/rewardNotifications"), true).toBool());
}

void SettingsPage::save() const {
    if (!persistent_) return;
    QSettings s;
    s.setValue(QStringLiteral("ui/theme"), theme_->currentData());
    s.setValue(QStringLiteral("ui/unit"), unit_->currentData());
    s.setValue(QStringLiteral("wallet/autoLockMinutes"), autoLock_->value());
    s.setValue(QStringLiteral("ui/notifications"), notify_->isChecked());
    s.setValue(QStringLiteral("ui/rewardNotifications"), notifyRewards_->isChecked());
}

}  // namespace allora::ui
