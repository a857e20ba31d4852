#include "wizard/ContactsPage.h"

#include "dialogs/Prompt.h"
#include "widgets/Formats.h"
#include "widgets/TabOrder.h"
#include "wizard/FileLookReader.h"
#include "wizard/FilePreviewModel.h"

#include <QComboBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {
constexpr int kShownRows = 50;

QString firstLocalFile(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls()) {
        return {};
    }
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile()) {
            return url.toLocalFile();
        }
    }
    return {};
}
} // namespace

ContactsPage::ContactsPage(WizardState &state, QWidget *parent)
    : QWizardPage(parent)
    , m_state(state)
    , m_path(new QLineEdit(this))
    , m_encoding(new QComboBox(this))
    , m_delimiter(new QComboBox(this))
    , m_detection(new QLabel(this))
    , m_error(new QLabel(this))
    , m_table(new QTableView(this))
    , m_model(new FilePreviewModel(this))
{
    setObjectName(u"contactsPage"_s);
    setTitle(tr("Contacts"));
    setSubTitle(tr("Drop a contact file (CSV) here or choose it. Herald shows how it reads the file; "
                   "correct the encoding or delimiter if names or columns look wrong."));
    setAcceptDrops(true);

    m_path->setObjectName(u"filePath"_s);
    m_path->setAccessibleName(tr("Contact file"));
    m_path->setReadOnly(true);
    m_path->setPlaceholderText(tr("No file chosen: drop one here or click Browse…"));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    browse->setObjectName(u"browseButton"_s);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(browse);

    m_encoding->setObjectName(u"encodingCombo"_s);
    m_encoding->addItem(tr("Detect"), QString());
    for (TextEncoding e :
         {TextEncoding::Utf8, TextEncoding::Windows1252, TextEncoding::Utf16LE, TextEncoding::Utf16BE}) {
        m_encoding->addItem(textEncodingName(e), textEncodingName(e));
    }
    m_delimiter->setObjectName(u"delimiterCombo"_s);
    m_delimiter->addItem(tr("Detect"), QString());
    m_delimiter->addItem(tr("Comma ( , )"), u","_s);
    m_delimiter->addItem(tr("Semicolon ( ; )"), u";"_s);
    m_delimiter->addItem(tr("Tab"), u"\t"_s);
    m_delimiter->addItem(tr("Pipe ( | )"), u"|"_s);
    auto *overrides = new QHBoxLayout;
    auto *encodingLabel = new QLabel(tr("&Encoding:"), this);
    encodingLabel->setBuddy(m_encoding);
    overrides->addWidget(encodingLabel);
    overrides->addWidget(m_encoding);
    auto *delimiterLabel = new QLabel(tr("&Delimiter:"), this);
    delimiterLabel->setBuddy(m_delimiter);
    overrides->addSpacing(12);
    overrides->addWidget(delimiterLabel);
    overrides->addWidget(m_delimiter);
    overrides->addStretch(1);

    m_detection->setObjectName(u"detectionLabel"_s);
    m_detection->setWordWrap(true);
    m_error->setObjectName(u"fileError"_s);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(u"color: #b00020;"_s);
    m_error->hide();

    m_table->setObjectName(u"filePreview"_s);
    m_table->setAccessibleName(tr("File preview"));
    m_table->setModel(m_model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(fileRow);
    layout->addLayout(overrides);
    layout->addWidget(m_detection);
    layout->addWidget(m_error);
    layout->addWidget(m_table, 1);

    connect(browse, &QPushButton::clicked, this, &ContactsPage::browse);
    connect(m_encoding, &QComboBox::currentIndexChanged, this, &ContactsPage::reread);
    connect(m_delimiter, &QComboBox::currentIndexChanged, this, &ContactsPage::reread);
    TabOrder::followLayout(this);
}

void ContactsPage::setFile(const QString &path)
{
    m_state.file = FileLook{};
    m_state.file.path = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    m_path->setText(QDir::toNativeSeparators(m_state.file.path));
    reread();
}

void ContactsPage::presetReading(const CsvReaderOptions &reading, const QString &subTitle)
{
    const QSignalBlocker encodingQuiet(m_encoding);
    const QSignalBlocker delimiterQuiet(m_delimiter);
    const int encoding = reading.encoding ? m_encoding->findData(textEncodingName(*reading.encoding)) : 0;
    m_encoding->setCurrentIndex(qMax(0, encoding));
    const int delimiter = reading.delimiter ? m_delimiter->findData(QString(*reading.delimiter)) : 0;
    m_delimiter->setCurrentIndex(qMax(0, delimiter));
    const CsvReaderOptions o = options();
    m_state.encoding = o.encoding;
    m_state.delimiter = o.delimiter;
    QStringList how;
    if (o.encoding) {
        how << textEncodingName(*o.encoding);
    }
    if (o.delimiter) {
        const QChar d = *o.delimiter;
        how << (d == u','    ? tr("commas")
                : d == u';'  ? tr("semicolons")
                : d == u'\t' ? tr("tabs")
                : d == u'|'  ? tr("pipes")
                             : tr("“%1”").arg(d));
    }
    setSubTitle(how.isEmpty()
                    ? subTitle
                    : tr("%1 It is read as the campaign's file was: %2. Choose Detect above if this "
                         "one differs.")
                          .arg(subTitle, how.join(tr(", "))));
}

void ContactsPage::browse()
{
    const QString folder = m_state.file.path.isEmpty()
                               ? QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)
                               : QFileInfo(m_state.file.path).absolutePath();
    Prompt::openFileName(this, tr("Choose a contact file"), folder,
                         tr("Contact files (*.csv *.txt *.tsv);;All files (*)"), [this](const QString &path) {
                             if (!path.isEmpty()) {
                                 setFile(path);
                             }
                         });
}

CsvReaderOptions ContactsPage::options() const
{
    CsvReaderOptions o;
    const QString encoding = m_encoding->currentData().toString();
    if (!encoding.isEmpty()) {
        o.encoding = textEncodingFromName(encoding);
    }
    const QString delimiter = m_delimiter->currentData().toString();
    if (!delimiter.isEmpty()) {
        o.delimiter = delimiter.at(0);
    }
    return o;
}

void ContactsPage::reread()
{
    const CsvReaderOptions o = options();
    m_state.encoding = o.encoding;
    m_state.delimiter = o.delimiter;
    if (m_state.file.path.isEmpty()) {
        return;
    }
    const int generation = ++m_generation;
    ++m_reading;
    m_detection->setText(tr("Reading %1…").arg(QFileInfo(m_state.file.path).fileName()));
    Q_EMIT completeChanged();
    FileLookReader::read(m_state.file.path, o, this, [this, generation](const FileLook &look) {
        --m_reading;
        if (generation == m_generation) {
            show(look);
        }
        Q_EMIT completeChanged();
    });
}

void ContactsPage::show(const FileLook &look)
{
    m_state.file = look;
    m_state.phoneColumn = -1;                           // page 2 detects it again for the file as now read
    m_model->setLook(look, look.ok() ? kShownRows : 0); // rows before an error are not the file
    if (!look.ok()) {
        m_error->setText(look.error);
        m_error->show();
        m_detection->clear();
        return;
    }
    m_error->setVisible(!look.warnings.isEmpty());
    m_error->setText(look.warnings.join(u'\n'));
    const QString rows = look.estimateExact
                             ? tr("%n data row(s)", nullptr, int(look.estimatedRows))
                             : tr("about %1 data rows").arg(Formats::count(look.estimatedRows));
    const int columns = int(look.columnCount);
    m_detection->setText(tr("%1 · %2 · %n column(s), %3 · showing the first %4", nullptr, columns)
                             .arg(QFileInfo(look.path).fileName(), look.detection.summary())
                             .arg(rows)
                             .arg(qMin<qsizetype>(look.rows.size(), kShownRows)));
    m_table->resizeColumnsToContents();
    for (int c = 0; c < m_model->columnCount(); ++c) {
        m_table->setColumnWidth(c, qMin(m_table->columnWidth(c), 260));
    }
}

bool ContactsPage::isComplete() const
{
    return m_reading == 0 && m_state.file.ok() && !m_state.file.rows.isEmpty();
}

void ContactsPage::dragEnterEvent(QDragEnterEvent *event)
{
    if (!firstLocalFile(event->mimeData()).isEmpty()) {
        event->acceptProposedAction();
    }
}

void ContactsPage::dropEvent(QDropEvent *event)
{
    const QString path = firstLocalFile(event->mimeData());
    if (!path.isEmpty()) {
        event->acceptProposedAction();
        setFile(path);
    }
}

} // namespace herald::ui
