package i18n

// Notification texts (internal/notify): the HTML alternative of the
// owner's mail and the push messages.
func init() {
	extend("en", map[string]string{
		"notify.subject_new":   "New comment on {title}",
		"notify.subject_reply": "New reply on {title}",
		"notify.subject_test":  "Natter test message",
		"notify.commented":     "{author} commented on “{title}”:",
		"notify.replied":       "{author} replied in “{title}”:",
		"notify.activated":     "Comment approved on “{title}”",
		"notify.edited":        "Comment edited on “{title}”",
		"notify.deleted":       "Comment deleted on “{title}”",
		"notify.pending":       "This comment waits for your approval.",
		"notify.approve":       "Approve",
		"notify.delete":        "Delete",
		"notify.view":          "View comment",
		"notify.website":       "Website",
		"notify.ip":            "IP address",
		"notify.unsubscribe":   "Unsubscribe from this conversation",
		"notify.test":          "If you read this, notifications through {channel} work.",
		"notify.why_owner":     "You receive this because you run the comments of this site.",
		"notify.why_reply":     "You receive this because you asked to be told of replies.",
	})
}
