// Package notify tells people about comments: the site owner of new
// comments (with Isso's signed approve and delete links), readers of
// replies in their conversation (Isso's reply mails with unsubscribe), and
// chat apps and webhooks of every change.
//
// Notifications are durable. The comment service calls Recorder.Record
// inside the write transaction of each change, which turns the change into
// Messages and inserts one outbox row per channel (and per reply
// recipient). A Worker claims due rows, delivers them through the
// configured Channels, retries failures with exponential backoff and marks
// a row failed once it has been queued longer than [natter]
// notify-give-up. A reader's request never waits for a delivery.
//
// Links are computed when a message is queued, from [server]
// public-endpoint or else the endpoint of the request that caused the
// change (WithEndpoint), so a restart or a new address does not change the
// links in messages already queued.
//
// Pushes to third parties (wechat, wecom, feishu, dingtalk, telegram,
// webhook) carry no e-mail address and no IP address beyond Isso's
// anonymised prefix; their texts are sanitised and truncated. Secrets
// (keys, tokens, webhook URLs) never appear in logs or recorded answers.
package notify
