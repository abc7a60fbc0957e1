package notify

import "context"

// wecomChannel is a 企业微信 group robot: a Markdown message to its webhook.
type wecomChannel struct {
	webhook string
	post    poster
}

func (w wecomChannel) Name() string { return WeCom }

func (w wecomChannel) Send(ctx context.Context, m Message) (string, error) {
	body := map[string]any{"msgtype": "markdown", "markdown": map[string]string{"content": newPushText(m).Markdown()}}
	answer, data, err := w.post.postJSON(ctx, w.webhook, body, nil)
	if err != nil {
		return answer, err
	}
	return answer, apiCode(data)
}
