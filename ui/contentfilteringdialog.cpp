#include "contentfilteringdialog.h"
#include "messagestyle.h"

#include "connectivitypage.h"
#include "mainwindow.h"
#include "pageheader.h"

#include "connectors/spamd/spamdcheckjob.h"
#include "models/filterrulelistmodel.h"
#include "models/store.h"

#include <QBoxLayout>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace Tributary::Ui {

namespace {

QPushButton *makeButton(const QString &text, const char *name, QWidget *parent)
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(QLatin1String(name));
    QString accessible = text;
    accessible.remove(QLatin1Char('&'));
    accessible.remove(QChar(0x2026)); // the ellipsis of "Add…"
    b->setAccessibleName(accessible);
    return b;
}

// A short message spamd can judge quickly, for the Test button.
const QByteArray kTestMessage = "From: Tributary <test@localhost>\r\n"
                                "To: Tributary <test@localhost>\r\n"
                                "Subject: Tributary spamd test\r\n"
                                "Message-ID: <spamd-test@tributary.invalid>\r\n"
                                "\r\n"
                                "This message checks that spamd answers.\r\n";

} // namespace

ContentFilteringDialog::ContentFilteringDialog(Store &store, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_model(new FilterRuleListModel(store, this))
    , m_rules(new QTableView(this))
    , m_add(makeButton(tr("&Add…"), "addRuleButton", this))
    , m_edit(makeButton(tr("&Edit…"), "editRuleButton", this))
    , m_remove(makeButton(tr("&Remove"), "removeRuleButton", this))
    , m_up(makeButton(tr("&Up"), "moveRuleUpButton", this))
    , m_down(makeButton(tr("&Down"), "moveRuleDownButton", this))
    , m_error(new QLabel(this))
    , m_spamdEnabled(
          new QCheckBox(tr("Ask a SpamAssassin spamd about every retrieved message"), this))
    , m_spamdHost(new QLineEdit(this))
    , m_spamdPort(new QSpinBox(this))
    , m_spamdMaxSize(new QSpinBox(this))
    , m_spamdTest(makeButton(tr("&Test"), "spamdTestButton", this))
    , m_spamdStatus(new QLabel(this))
{
    setObjectName(QStringLiteral("ContentFilteringDialog"));
    setWindowTitle(tr("Content Filtering"));
    setAccessibleName(tr("Content Filtering"));

    auto *intro = new QLabel(
        tr("Rules run in this order on each message retrieved by a task with \"spam and "
           "content filtering\" on (IMAP: the Inbox only). Spam goes to Junk E-Mail first; "
           "the source server is never changed."),
        this);
    intro->setObjectName(QStringLiteral("introLabel"));
    intro->setWordWrap(true);

    m_rules->setObjectName(QStringLiteral("rulesView"));
    m_rules->setAccessibleName(tr("Filter rules"));
    m_rules->setModel(m_model);
    m_rules->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_rules->setSelectionMode(QAbstractItemView::SingleSelection);
    m_rules->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_rules->verticalHeader()->hide();
    m_rules->horizontalHeader()->setStretchLastSection(true);
    m_rules->setColumnWidth(0, 160);
    m_rules->setColumnWidth(1, 300);

    auto *buttons = new QVBoxLayout;
    for (QPushButton *b : {m_add, m_edit, m_remove, m_up, m_down})
        buttons->addWidget(b);
    buttons->addStretch(1);
    auto *rulesRow = new QHBoxLayout;
    rulesRow->addWidget(m_rules, 1);
    rulesRow->addLayout(buttons);

    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(Ui::errorTextStyle(m_error));
    m_error->hide();

    auto *spamBox = new QGroupBox(tr("Spam check with spamd"), this);
    spamBox->setObjectName(QStringLiteral("spamdGroup"));
    m_spamdEnabled->setObjectName(QStringLiteral("spamdEnabledCheck"));
    m_spamdEnabled->setAccessibleName(tr("Use spamd"));
    m_spamdHost->setObjectName(QStringLiteral("spamdHostEdit"));
    m_spamdHost->setAccessibleName(tr("spamd host"));
    m_spamdPort->setObjectName(QStringLiteral("spamdPortSpin"));
    m_spamdPort->setAccessibleName(tr("spamd port"));
    m_spamdPort->setRange(1, 65535);
    m_spamdMaxSize->setObjectName(QStringLiteral("spamdMaxSizeSpin"));
    m_spamdMaxSize->setAccessibleName(tr("Largest message checked"));
    m_spamdMaxSize->setRange(1, 100 * 1024);
    m_spamdMaxSize->setSuffix(tr(" KiB"));
    m_spamdStatus->setObjectName(QStringLiteral("spamdStatusLabel"));
    m_spamdStatus->setWordWrap(true);
    m_spamdStatus->setTextFormat(Qt::PlainText);
    auto *spamForm = new QFormLayout(spamBox);
    spamForm->addRow(m_spamdEnabled);
    spamForm->addRow(tr("&Host:"), m_spamdHost);
    spamForm->addRow(tr("&Port:"), m_spamdPort);
    spamForm->addRow(tr("&Largest message:"), m_spamdMaxSize);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_spamdTest);
    testRow->addWidget(m_spamdStatus, 1);
    spamForm->addRow(testRow);
    auto *spamNote = new QLabel(tr("Without spamd, the spam headers the source server adds "
                                   "(X-Spam-Flag, X-Spam-Status, Exchange SCL) are used."),
                                spamBox);
    spamNote->setObjectName(QStringLiteral("spamdNoteLabel"));
    spamNote->setWordWrap(true);
    spamForm->addRow(spamNote);

    auto *box = new QDialogButtonBox(QDialogButtonBox::Close, this);
    box->setObjectName(QStringLiteral("buttonBox"));
    box->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("closeButton"));
    box->button(QDialogButtonBox::Close)->setAccessibleName(tr("Close"));
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(rulesRow, 1);
    layout->addWidget(m_error);
    layout->addWidget(spamBox);
    layout->addWidget(box);
    resize(760, 560);

    m_loading = true;
    const SpamdSettings spamd = store.spamdSettings();
    m_spamdEnabled->setChecked(spamd.enabled);
    m_spamdHost->setText(spamd.host);
    m_spamdPort->setValue(spamd.port);
    m_spamdMaxSize->setValue(int(qMax<qint64>(1, spamd.maxSize / 1024)));
    m_loading = false;

    connect(m_add, &QPushButton::clicked, this, &ContentFilteringDialog::addRule);
    connect(m_edit, &QPushButton::clicked, this, &ContentFilteringDialog::editRule);
    connect(m_rules, &QTableView::doubleClicked, this, &ContentFilteringDialog::editRule);
    connect(m_remove, &QPushButton::clicked, this, &ContentFilteringDialog::removeRule);
    connect(m_up, &QPushButton::clicked, this, [this] { moveRule(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveRule(1); });
    connect(m_rules->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ContentFilteringDialog::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            &ContentFilteringDialog::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this,
            &ContentFilteringDialog::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsMoved, this, &ContentFilteringDialog::updateButtons);
    connect(m_spamdEnabled, &QCheckBox::toggled, this, &ContentFilteringDialog::saveSpamd);
    connect(m_spamdHost, &QLineEdit::editingFinished, this, &ContentFilteringDialog::saveSpamd);
    connect(m_spamdPort, &QSpinBox::valueChanged, this, &ContentFilteringDialog::saveSpamd);
    connect(m_spamdMaxSize, &QSpinBox::valueChanged, this, &ContentFilteringDialog::saveSpamd);
    connect(m_spamdTest, &QPushButton::clicked, this, &ContentFilteringDialog::testSpamd);
    updateButtons();
}

ContentFilteringDialog::~ContentFilteringDialog()
{
    if (m_testJob) {
        disconnect(m_testJob, nullptr, this, nullptr);
        m_testJob->cancel();
    }
}

QDialog *ContentFilteringDialog::createRuleEditor(const FilterRule &rule)
{
    auto *editor = new FilterRuleDialog(m_store, rule, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    return editor;
}

void ContentFilteringDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void ContentFilteringDialog::addRule()
{
    FilterRule rule;
    rule.name = tr("New rule");
    auto *editor = static_cast<FilterRuleDialog *>(createRuleEditor(rule));
    editor->addCondition();
    connect(editor, &QDialog::accepted, this, [this, editor] {
        QString error;
        const int row = m_model->addRule(editor->rule(), &error);
        showError(row < 0 ? error : QString());
        if (row >= 0)
            m_rules->setCurrentIndex(m_model->index(row, 0));
    });
    editor->open();
}

void ContentFilteringDialog::editRule()
{
    const int row = m_rules->currentIndex().row();
    if (row < 0)
        return;
    auto *editor = static_cast<FilterRuleDialog *>(createRuleEditor(m_model->ruleAt(row)));
    connect(editor, &QDialog::accepted, this, [this, editor] {
        QString error;
        showError(m_model->updateRule(editor->rule(), &error) ? QString() : error);
    });
    editor->open();
}

void ContentFilteringDialog::removeRule()
{
    const int row = m_rules->currentIndex().row();
    if (row < 0)
        return;
    QString error;
    showError(m_model->removeRule(row, &error) ? QString() : error);
}

void ContentFilteringDialog::moveRule(int delta)
{
    const int row = m_rules->currentIndex().row();
    QString error;
    if (row < 0 || !m_model->moveRule(row, delta, &error)) {
        showError(error);
        return;
    }
    showError(QString());
    m_rules->setCurrentIndex(m_model->index(row + delta, 0));
}

void ContentFilteringDialog::updateButtons()
{
    const int row = m_rules->currentIndex().row();
    const bool has = row >= 0 && row < m_model->rowCount();
    m_edit->setEnabled(has);
    m_remove->setEnabled(has);
    m_up->setEnabled(has && row > 0);
    m_down->setEnabled(has && row + 1 < m_model->rowCount());
}

void ContentFilteringDialog::saveSpamd()
{
    if (m_loading)
        return;
    SpamdSettings s = m_store.spamdSettings();
    s.enabled = m_spamdEnabled->isChecked();
    s.host = m_spamdHost->text().trimmed();
    s.port = quint16(m_spamdPort->value());
    s.maxSize = qint64(m_spamdMaxSize->value()) * 1024;
    QString error;
    showError(m_store.setSpamdSettings(s, &error) ? QString() : error);
}

void ContentFilteringDialog::testSpamd()
{
    if (m_testJob)
        return;
    auto *job = new Spamd::CheckJob(this);
    Net::Endpoint endpoint;
    endpoint.host = m_spamdHost->text().trimmed();
    endpoint.port = quint16(m_spamdPort->value());
    endpoint.security = Net::Security::None;
    endpoint.timeoutMs = 30000;
    job->setEndpoint(endpoint);
    job->setMessage(kTestMessage);
    connect(job, &Net::Job::finished, this, &ContentFilteringDialog::onSpamdTested);
    m_testJob = job;
    m_spamdTest->setEnabled(false);
    m_spamdStatus->setText(tr("Asking spamd…"));
    job->start();
}

void ContentFilteringDialog::onSpamdTested(Net::Job *job)
{
    job->deleteLater();
    m_testJob = nullptr;
    m_spamdTest->setEnabled(true);
    const bool ok = job->error() == Net::Error::Kind::None;
    if (ok) {
        const auto *check = static_cast<Spamd::CheckJob *>(job);
        m_spamdStatus->setText(tr("spamd works: it rated a test message %1 (spam from %2).")
                                   .arg(check->score())
                                   .arg(check->threshold()));
    } else {
        m_spamdStatus->setText(job->errorString());
    }
    Q_EMIT spamdTestFinished(ok);
}

// ---- FilterRuleDialog ----

FilterRuleDialog::FilterRuleDialog(Store &store, const FilterRule &rule, QWidget *parent)
    : QDialog(parent)
    , m_rule(rule)
    , m_name(new QLineEdit(rule.name, this))
    , m_enabled(new QCheckBox(tr("Rule is on"), this))
    , m_match(new QComboBox(this))
    , m_conditionGrid(new QGridLayout)
    , m_move(new QCheckBox(tr("Move to folder:"), this))
    , m_folder(new QComboBox(this))
    , m_markRead(new QCheckBox(tr("Mark as read"), this))
    , m_flag(new QCheckBox(tr("Flag"), this))
    , m_delete(new QCheckBox(tr("Delete (to Deleted Items)"), this))
    , m_stop(new QCheckBox(tr("Stop processing more rules"), this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("FilterRuleDialog"));
    setWindowTitle(rule.id > 0 ? tr("Edit Rule") : tr("New Rule"));
    setAccessibleName(windowTitle());

    m_name->setObjectName(QStringLiteral("ruleNameEdit"));
    m_name->setAccessibleName(tr("Rule name"));
    m_enabled->setObjectName(QStringLiteral("ruleEnabledCheck"));
    m_enabled->setAccessibleName(tr("Rule is on"));
    m_enabled->setChecked(rule.enabled);
    m_match->setObjectName(QStringLiteral("matchCombo"));
    m_match->setAccessibleName(tr("Match"));
    m_match->addItem(tr("all of the conditions"), true);
    m_match->addItem(tr("any of the conditions"), false);
    m_match->setCurrentIndex(rule.matchAll ? 0 : 1);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(QString(), m_enabled);
    form->addRow(tr("&Match:"), m_match);

    auto *conditionsBox = new QGroupBox(tr("Conditions"), this);
    conditionsBox->setObjectName(QStringLiteral("conditionsGroup"));
    auto *conditionsLayout = new QVBoxLayout(conditionsBox);
    conditionsLayout->addLayout(m_conditionGrid);
    auto *addCondition = makeButton(tr("Add &condition"), "addConditionButton", conditionsBox);
    conditionsLayout->addWidget(addCondition, 0, Qt::AlignLeft);
    connect(addCondition, &QPushButton::clicked, this, [this] { this->addCondition(); });

    auto *actionsBox = new QGroupBox(tr("Actions"), this);
    actionsBox->setObjectName(QStringLiteral("actionsGroup"));
    m_move->setObjectName(QStringLiteral("moveActionCheck"));
    m_folder->setObjectName(QStringLiteral("moveFolderCombo"));
    m_folder->setAccessibleName(tr("Folder"));
    m_markRead->setObjectName(QStringLiteral("markReadActionCheck"));
    m_flag->setObjectName(QStringLiteral("flagActionCheck"));
    m_delete->setObjectName(QStringLiteral("deleteActionCheck"));
    m_stop->setObjectName(QStringLiteral("stopProcessingCheck"));
    for (QCheckBox *c : {m_move, m_markRead, m_flag, m_delete, m_stop})
        c->setAccessibleName(c->text());
    // Folders with their path, parents first.
    const QList<Folder> folders = store.folders();
    QHash<qint64, QString> paths;
    for (const Folder &f : folders) {
        const QString path = f.parentId > 0 && paths.contains(f.parentId)
            ? paths.value(f.parentId) + QLatin1Char('/') + f.name
            : f.name;
        paths.insert(f.id, path);
        m_folder->addItem(path, f.id);
    }
    auto *moveRow = new QHBoxLayout;
    moveRow->addWidget(m_move);
    moveRow->addWidget(m_folder, 1);
    auto *actionsLayout = new QVBoxLayout(actionsBox);
    actionsLayout->addLayout(moveRow);
    actionsLayout->addWidget(m_markRead);
    actionsLayout->addWidget(m_flag);
    actionsLayout->addWidget(m_delete);
    m_folder->setEnabled(false);
    connect(m_move, &QCheckBox::toggled, m_folder, &QWidget::setEnabled);
    for (const FilterAction &a : rule.actions) {
        switch (a.kind) {
        case FilterAction::Kind::MoveToFolder:
            m_move->setChecked(true);
            m_folder->setCurrentIndex(qMax(0, m_folder->findData(a.folderId)));
            break;
        case FilterAction::Kind::MarkRead:
            m_markRead->setChecked(true);
            break;
        case FilterAction::Kind::Flag:
            m_flag->setChecked(true);
            break;
        case FilterAction::Kind::Delete:
            m_delete->setChecked(true);
            break;
        }
    }
    m_stop->setChecked(rule.stopProcessing);

    m_error->setObjectName(QStringLiteral("ruleErrorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(Ui::errorTextStyle(m_error));
    m_error->setText(rule.loadError);
    m_error->setVisible(!rule.loadError.isEmpty());

    auto *box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    box->setObjectName(QStringLiteral("ruleButtonBox"));
    box->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("ruleOkButton"));
    box->button(QDialogButtonBox::Ok)->setAccessibleName(tr("OK"));
    box->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("ruleCancelButton"));
    box->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));
    connect(box, &QDialogButtonBox::accepted, this, &FilterRuleDialog::accept);
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(conditionsBox);
    layout->addWidget(actionsBox);
    layout->addWidget(m_stop);
    layout->addWidget(m_error);
    layout->addWidget(box);

    for (const FilterCondition &c : rule.conditions)
        this->addCondition(c);
    resize(680, sizeHint().height());
}

void FilterRuleDialog::addCondition(const FilterCondition &condition)
{
    ConditionRow row;
    row.field = new QComboBox(this);
    row.field->addItem(tr("Subject"), int(FilterCondition::Field::Subject));
    row.field->addItem(tr("From"), int(FilterCondition::Field::From));
    row.field->addItem(tr("To or Cc"), int(FilterCondition::Field::To));
    row.field->addItem(tr("Header"), int(FilterCondition::Field::Header));
    row.field->addItem(tr("Size (bytes)"), int(FilterCondition::Field::Size));
    row.field->setCurrentIndex(row.field->findData(int(condition.field)));
    row.field->setAccessibleName(tr("Field"));
    row.header = new QLineEdit(condition.header, this);
    row.header->setPlaceholderText(tr("Header name"));
    row.header->setAccessibleName(tr("Header name"));
    row.op = new QComboBox(this);
    row.op->addItem(tr("contains"), int(FilterCondition::Op::Contains));
    row.op->addItem(tr("does not contain"), int(FilterCondition::Op::NotContains));
    row.op->addItem(tr("is"), int(FilterCondition::Op::Is));
    row.op->addItem(tr("matches (* and ?)"), int(FilterCondition::Op::Wildcard));
    row.op->addItem(tr("matches the regular expression"), int(FilterCondition::Op::Regex));
    row.op->addItem(tr("is greater than"), int(FilterCondition::Op::GreaterThan));
    row.op->addItem(tr("is less than"), int(FilterCondition::Op::LessThan));
    row.op->setCurrentIndex(row.op->findData(int(condition.op)));
    row.op->setAccessibleName(tr("Operator"));
    row.value = new QLineEdit(condition.value, this);
    row.value->setAccessibleName(tr("Value"));
    row.remove = new QPushButton(tr("Remove"), this);
    row.remove->setAccessibleName(tr("Remove condition"));
    const int line = int(m_conditions.size());
    m_conditionGrid->addWidget(row.field, line, 0);
    m_conditionGrid->addWidget(row.header, line, 1);
    m_conditionGrid->addWidget(row.op, line, 2);
    m_conditionGrid->addWidget(row.value, line, 3);
    m_conditionGrid->addWidget(row.remove, line, 4);
    m_conditionGrid->setColumnStretch(3, 1);
    m_conditions.append(row);
    QPushButton *remove = row.remove;
    connect(remove, &QPushButton::clicked, this, [this, remove] { removeCondition(remove); });
    connect(row.field, &QComboBox::currentIndexChanged, this, [this, remove] {
        for (const ConditionRow &r : std::as_const(m_conditions)) {
            if (r.remove == remove)
                updateRow(r);
        }
    });
    updateRow(row);
    renumber();
}

void FilterRuleDialog::updateRow(const ConditionRow &row)
{
    const auto field = FilterCondition::Field(row.field->currentData().toInt());
    row.header->setVisible(field == FilterCondition::Field::Header);
}

void FilterRuleDialog::removeCondition(QPushButton *button)
{
    for (int i = 0; i < m_conditions.size(); ++i) {
        const ConditionRow row = m_conditions.at(i);
        if (row.remove != button)
            continue;
        for (QWidget *w : {static_cast<QWidget *>(row.field), static_cast<QWidget *>(row.header),
                           static_cast<QWidget *>(row.op), static_cast<QWidget *>(row.value),
                           static_cast<QWidget *>(row.remove)}) {
            m_conditionGrid->removeWidget(w);
            w->deleteLater();
        }
        m_conditions.removeAt(i);
        break;
    }
    // Re-lay the remaining rows without gaps.
    for (int i = 0; i < m_conditions.size(); ++i) {
        const ConditionRow &row = m_conditions.at(i);
        m_conditionGrid->addWidget(row.field, i, 0);
        m_conditionGrid->addWidget(row.header, i, 1);
        m_conditionGrid->addWidget(row.op, i, 2);
        m_conditionGrid->addWidget(row.value, i, 3);
        m_conditionGrid->addWidget(row.remove, i, 4);
    }
    renumber();
}

void FilterRuleDialog::renumber()
{
    for (int i = 0; i < m_conditions.size(); ++i) {
        const ConditionRow &row = m_conditions.at(i);
        const QString n = QString::number(i);
        row.field->setObjectName(QStringLiteral("conditionField") + n);
        row.header->setObjectName(QStringLiteral("conditionHeader") + n);
        row.op->setObjectName(QStringLiteral("conditionOp") + n);
        row.value->setObjectName(QStringLiteral("conditionValue") + n);
        row.remove->setObjectName(QStringLiteral("removeCondition") + n);
    }
}

FilterRule FilterRuleDialog::rule() const
{
    FilterRule r = m_rule;
    r.name = m_name->text().trimmed();
    r.enabled = m_enabled->isChecked();
    r.matchAll = m_match->currentData().toBool();
    r.conditions.clear();
    for (const ConditionRow &row : m_conditions) {
        FilterCondition c;
        c.field = FilterCondition::Field(row.field->currentData().toInt());
        c.op = FilterCondition::Op(row.op->currentData().toInt());
        c.header
            = c.field == FilterCondition::Field::Header ? row.header->text().trimmed() : QString();
        c.value = row.value->text();
        r.conditions.append(c);
    }
    r.actions.clear();
    if (m_move->isChecked())
        r.actions.append({FilterAction::Kind::MoveToFolder, m_folder->currentData().toLongLong()});
    if (m_markRead->isChecked())
        r.actions.append({FilterAction::Kind::MarkRead, 0});
    if (m_flag->isChecked())
        r.actions.append({FilterAction::Kind::Flag, 0});
    if (m_delete->isChecked())
        r.actions.append({FilterAction::Kind::Delete, 0});
    r.stopProcessing = m_stop->isChecked();
    r.loadError.clear();
    return r;
}

void FilterRuleDialog::accept()
{
    const FilterRule r = rule();
    QString problem = r.name.isEmpty() ? tr("Give the rule a name.") : r.validate();
    if (!problem.isEmpty()) {
        m_error->setText(problem);
        m_error->show();
        return;
    }
    QDialog::accept();
}

void installContentFilteringAction(MainWindow &window, Store &store)
{
    ConnectivityPage *page = window.connectivityPage(PageInfo::Id::Retrieval);
    auto *header = page ? page->findChild<PageHeader *>() : nullptr;
    auto *row = header ? qobject_cast<QBoxLayout *>(header->layout()) : nullptr;
    if (!row)
        return;
    auto *button = makeButton(ContentFilteringDialog::tr("Content &Filtering…"),
                              "contentFilteringButton", header);
    // Left of the page's primary action.
    row->insertWidget(row->indexOf(header->actionButton()), button, 0, Qt::AlignVCenter);
    QPointer<ContentFilteringDialog> open;
    QObject::connect(button, &QPushButton::clicked, &window, [&window, &store, open]() mutable {
        if (!open) {
            open = new ContentFilteringDialog(store, &window);
            open->setAttribute(Qt::WA_DeleteOnClose);
        }
        open->show();
        open->raise();
        open->activateWindow();
    });
}

} // namespace Tributary::Ui
