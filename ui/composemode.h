#pragma once

// What the composer is asked to start from: a blank message, or a reply to / forward of a
// message of the store (MailPage::composeRequested carries it with the message's id).
namespace Tributary::Ui {

enum class ComposeMode { New, Reply, ReplyAll, Forward };

} // namespace Tributary::Ui
