package notify

import (
	"context"
	"strings"
)

// telegramChannel is a Telegram bot's sendMessage, in plain text (no
// parse mode, so nothing in a comment is interpreted).
type telegramChannel struct {
	token, chatID, apiBase string
	post                   poster
}

func (t telegramChannel) Name() string { return Telegram }

func (t telegramChannel) Send(ctx context.Context, m Message) (string, error) {
	body := map[string]any{"chat_id": t.chatID, "text": newPushText(m).Plain(), "disable_web_page_preview": true}
	target := strings.TrimRight(t.apiBase, "/") + "/bot" + t.token + "/sendMessage"
	answer, data, err := t.post.postJSON(ctx, target, body, nil)
	if err != nil {
		return answer, err
	}
	return answer, apiCode(data)
}
