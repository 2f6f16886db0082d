// First page of the FirstRunWizard: create a new wallet or restore one from a recovery phrase.
#pragma once

#include <QWizardPage>

class QRadioButton;

namespace allora::ui {

class WelcomePage : public QWizardPage {
    Q_OBJECT

public:
    explicit WelcomePage(QWidget* parent = nullptr);

    bool restoreChosen() const;

private:
    QRadioButton* createRadio_;
    QRadioButton* restoreRadio_;
};

}  // namespace allora::ui
