#pragma once

#include "cloudapi/Redactor.h"

#include <QString>

namespace herald {

// The last line of defence before a message reaches a log file: whatever a module or Qt
// itself logs, the password of a URL ("postgresql://user:secret@host") and anything shaped
// like an access token (see Redactor) are masked. Modules still must not log secrets; this
// catches the ones nobody thought of, such as Qt's own network debug output.
class LogScrubber
{
public:
    // Secrets known by value (the token in use, a database password) are masked wherever
    // they appear, whatever their shape.
    void addSecret(const QString &secret) { m_redactor.addSecret(secret); }

    QString scrub(const QString &text) const;

private:
    Redactor m_redactor;
};

} // namespace herald
