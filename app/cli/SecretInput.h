#pragma once

#include <QString>

class QTextStream;

namespace herald::cli {

// One line of standard input holding a secret (an access token, the webhook app secret…),
// trimmed. On a terminal `prompt` goes to `err` and what is typed is not shown; piped input is
// read as it comes. The secret is never echoed, printed or written anywhere by this.
QString readSecretLine(QTextStream &err, const QString &prompt);

} // namespace herald::cli
