package i18n

// Notification texts in Simplified Chinese (see en_notify.go).
func init() {
	extend("zh-CN", map[string]string{
		"notify.subject_new":   "《{title}》有新评论",
		"notify.subject_reply": "《{title}》有新回复",
		"notify.subject_test":  "Natter 测试消息",
		"notify.commented":     "{author} 在《{title}》发表了评论：",
		"notify.replied":       "{author} 在《{title}》回复了你：",
		"notify.activated":     "《{title}》的评论已通过审核",
		"notify.edited":        "《{title}》的评论已修改",
		"notify.deleted":       "《{title}》的评论已删除",
		"notify.pending":       "这条评论正在等待你的审核。",
		"notify.approve":       "通过",
		"notify.delete":        "删除",
		"notify.view":          "查看评论",
		"notify.website":       "网站",
		"notify.ip":            "IP 地址",
		"notify.unsubscribe":   "退订此对话的回复通知",
		"notify.test":          "收到这条消息，说明通过 {channel} 的通知已经可用。",
		"notify.why_owner":     "你收到这封邮件，是因为你管理这个网站的评论。",
		"notify.why_reply":     "你收到这封邮件，是因为你选择了接收回复通知。",
	})
}
