// SettingsPage: how the app looks and behaves. Theme (follow the system, or light or dark: the
// palette only), the unit amounts are shown in (ALLO or uallo), the auto-lock timeout (the wallet
// forgets typed passwords and prepared confirmations after that many minutes without input) and
// desktop notifications for incoming funds and for staking rewards. Changes apply at once. They are
// kept in QSettings when the application has an organisation name (allora-qt sets one); elsewhere
// (tests) they live only as long as the page.
#pragma once

#include <QWidget>

#include "ui/guiutil.h"
#include "ui/theme.h"

class QCheckBox;
class QComboBox;
class QSpinBox;

namespace allora::ui {

class SettingsPage : public QWidget {
    Q_OBJECT

public:
    explicit SettingsPage(QWidget* parent = nullptr);

    Theme theme() const;
    DisplayUnit unit() const;
    // 0: never.
    int autoLockMinutes() const;
    // Notify incoming funds.
    bool notifications() const;
    // Notify the staking rewards of the wallet's delegations as they accrue.
    bool rewardNotifications() const;

Q_SIGNALS:
    void autoLockChanged(int minutes);
    void unitChanged();

private:
    void load();
    void save() const;
    void apply();

    QComboBox* theme_;
    QComboBox* unit_;
    QSpinBox* autoLock_;
    QCheckBox* notify_;
    QCheckBox* notifyRewards_;
    bool persistent_;
};

}  // namespace allora::ui
