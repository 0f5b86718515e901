#pragma once

#include <QHostAddress>
#include <QTcpSocket>

namespace TestEnv {

// A TCP port on 127.0.0.1 that refuses connections, held for the object's lifetime: a socket
// is bound there and never listens. A port taken from a QTcpServer that was closed again is
// free for anyone: a server fixture or another test started in parallel (ctest -j) could
// listen on it before the test connects. Nothing can listen on a port this holds.
class DeadPort
{
public:
    DeadPort()
    {
        m_socket.bind(QHostAddress(QHostAddress::LocalHost), 0, QAbstractSocket::DontShareAddress);
    }
    // 0 when no port could be bound (the test should fail on it).
    quint16 port() const { return m_socket.localPort(); }

private:
    QTcpSocket m_socket;
};

} // namespace TestEnv
