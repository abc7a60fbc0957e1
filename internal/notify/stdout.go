package notify

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
)

// stdoutChannel is Isso's stdout back-end: the lines Isso logs, through
// the server's logger.
type stdoutChannel struct{ log *slog.Logger }

func (s stdoutChannel) Name() string { return Stdout }

func (s stdoutChannel) Send(_ context.Context, m Message) (string, error) {
	for _, line := range stdoutLines(m) {
		s.log.Info(line)
	}
	return "logged", nil
}

// stdoutLines are Isso's log lines for a message.
func stdoutLines(m Message) []string {
	c := m.Comment
	switch m.Kind {
	case KindEdited:
		return []string{fmt.Sprintf("comment %d edited: %s", c.ID, publicJSON(m))}
	case KindDeleted:
		return []string{fmt.Sprintf("comment %d deleted", c.ID)}
	case KindActivated:
		return []string{fmt.Sprintf("comment %d activated", c.ID)}
	case KindTest:
		return []string{"test message: " + c.Text}
	}
	lines := []string{"comment created: " + publicJSON(m), "Link to comment: " + m.Links.Comment}
	if m.Links.Delete != "" {
		lines = append(lines, "Delete comment: "+m.Links.Delete)
	}
	if c.Pending() && m.Links.Activate != "" {
		lines = append(lines, "Activate comment: "+m.Links.Activate)
	}
	return lines
}

// publicJSON is the comment as the log shows it: no e-mail address.
func publicJSON(m Message) string {
	b, _ := json.Marshal(newWebhookPayload(m).Comment)
	return string(b)
}
