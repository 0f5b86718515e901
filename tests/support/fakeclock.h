#pragma once

// A Clock (app/services/retrieval/retrievalscheduler.h) that moves only when the test moves
// it, so schedules are tested without waiting. Starts at 2026-11-27 06:00 UTC. Header only:
// the tests that include it link tributary_app.

#include "app/services/retrieval/retrievalscheduler.h"

#include <QDate>
#include <QDateTime>
#include <QTime>

class FakeClock : public Tributary::Clock
{
public:
    QDateTime now() const override { return m_now; }
    void advance(qint64 seconds) { m_now = m_now.addSecs(seconds); }
    QDateTime m_now = QDateTime(QDate(2026, 11, 27), QTime(6, 0), Qt::UTC);
};
