package i18n

// Catalogues for other languages Isso's client ships, covering the
// reader-facing strings; anything missing falls back to English.
func init() {
	register(&Locale{Tag: "zh-TW", Name: "繁體中文", plural: single, msgs: map[string]string{
		"thread.count": "{n} 則留言", "thread.none": "還沒有留言", "thread.more": "再顯示 {n} 則留言",
		"thread.more_replies": "再顯示 {n} 則回覆", "form.text": "留言", "form.author": "名字",
		"form.email": "電子郵件", "form.website": "網站", "form.optional": "選填", "form.submit": "送出留言",
		"form.submit_reply": "送出回覆", "form.preview": "預覽", "form.save": "儲存", "form.cancel": "取消",
		"comment.anonymous": "匿名", "comment.reply": "回覆", "comment.edit": "編輯", "comment.delete": "刪除",
		"comment.confirm_yes": "確定刪除", "comment.deleted": "留言已刪除。", "comment.pending": "等待審核中。",
		"comment.edited": "已編輯", "vote.up": "贊同", "vote.down": "反對", "date.now": "剛剛",
		"date.minutes": "{n} 分鐘前", "date.hours": "{n} 小時前", "date.days": "{n} 天前",
		"date.weeks": "{n} 週前", "date.months": "{n} 個月前", "date.years": "{n} 年前",
		"err.text_too_short": "留言太短：至少需要 3 個字。",
	}})
	register(&Locale{Tag: "de", Name: "Deutsch", plural: one, msgs: map[string]string{
		"thread.count": "Ein Kommentar\n{n} Kommentare", "thread.none": "Noch keine Kommentare",
		"thread.more":         "Einen weiteren Kommentar zeigen\n{n} weitere Kommentare zeigen",
		"thread.more_replies": "Eine weitere Antwort zeigen\n{n} weitere Antworten zeigen",
		"form.text":           "Kommentar", "form.author": "Name", "form.email": "E-Mail", "form.website": "Website",
		"form.optional": "optional", "form.submit": "Kommentar senden", "form.submit_reply": "Antwort senden",
		"form.preview": "Vorschau", "form.save": "Speichern", "form.cancel": "Abbrechen",
		"form.notify":       "Bei Antworten per E-Mail benachrichtigen",
		"comment.anonymous": "Anonym", "comment.reply": "Antworten", "comment.edit": "Bearbeiten",
		"comment.delete": "Löschen", "comment.confirm_yes": "Ja, löschen", "comment.deleted": "Kommentar gelöscht.",
		"comment.pending": "Wartet auf Freischaltung.", "comment.edited": "bearbeitet",
		"vote.up": "Gefällt mir", "vote.down": "Gefällt mir nicht", "date.now": "gerade eben",
		"date.minutes": "vor einer Minute\nvor {n} Minuten", "date.hours": "vor einer Stunde\nvor {n} Stunden",
		"date.days": "gestern\nvor {n} Tagen", "date.weeks": "letzte Woche\nvor {n} Wochen",
		"date.months": "letzten Monat\nvor {n} Monaten", "date.years": "letztes Jahr\nvor {n} Jahren",
		"err.text_too_short": "Der Kommentar ist zu kurz: mindestens 3 Zeichen.",
	}})
	register(&Locale{Tag: "fr", Name: "Français", plural: oneFew, msgs: map[string]string{
		"thread.count": "{n} commentaire\n{n} commentaires", "thread.none": "Aucun commentaire pour l’instant",
		"thread.more":         "Afficher un commentaire de plus\nAfficher {n} commentaires de plus",
		"thread.more_replies": "Afficher une réponse de plus\nAfficher {n} réponses de plus",
		"form.text":           "Commentaire", "form.author": "Nom", "form.email": "Courriel", "form.website": "Site web",
		"form.optional": "facultatif", "form.submit": "Publier", "form.submit_reply": "Répondre",
		"form.preview": "Aperçu", "form.save": "Enregistrer", "form.cancel": "Annuler",
		"comment.anonymous": "Anonyme", "comment.reply": "Répondre", "comment.edit": "Modifier",
		"comment.delete": "Supprimer", "comment.confirm_yes": "Oui, supprimer", "comment.deleted": "Commentaire supprimé.",
		"comment.pending": "En attente de modération.", "comment.edited": "modifié",
		"vote.up": "J’aime", "vote.down": "Je n’aime pas", "date.now": "à l’instant",
		"date.minutes": "il y a une minute\nil y a {n} minutes", "date.hours": "il y a une heure\nil y a {n} heures",
		"date.days": "hier\nil y a {n} jours", "date.weeks": "la semaine dernière\nil y a {n} semaines",
		"date.months": "le mois dernier\nil y a {n} mois", "date.years": "l’an dernier\nil y a {n} ans",
		"err.text_too_short": "Le commentaire est trop court : au moins 3 caractères.",
	}})
	register(&Locale{Tag: "es", Name: "Español", plural: one, msgs: map[string]string{
		"thread.count": "Un comentario\n{n} comentarios", "thread.none": "Aún no hay comentarios",
		"thread.more":         "Mostrar un comentario más\nMostrar {n} comentarios más",
		"thread.more_replies": "Mostrar una respuesta más\nMostrar {n} respuestas más",
		"form.text":           "Comentario", "form.author": "Nombre", "form.email": "Correo electrónico", "form.website": "Sitio web",
		"form.optional": "opcional", "form.submit": "Publicar", "form.submit_reply": "Responder",
		"form.preview": "Vista previa", "form.save": "Guardar", "form.cancel": "Cancelar",
		"comment.anonymous": "Anónimo", "comment.reply": "Responder", "comment.edit": "Editar",
		"comment.delete": "Eliminar", "comment.confirm_yes": "Sí, eliminar", "comment.deleted": "Comentario eliminado.",
		"comment.pending": "Pendiente de moderación.", "comment.edited": "editado",
		"vote.up": "Me gusta", "vote.down": "No me gusta", "date.now": "ahora mismo",
		"date.minutes": "hace un minuto\nhace {n} minutos", "date.hours": "hace una hora\nhace {n} horas",
		"date.days": "ayer\nhace {n} días", "date.weeks": "la semana pasada\nhace {n} semanas",
		"date.months": "el mes pasado\nhace {n} meses", "date.years": "el año pasado\nhace {n} años",
		"err.text_too_short": "El comentario es demasiado corto: al menos 3 caracteres.",
	}})
	register(&Locale{Tag: "ja", Name: "日本語", plural: single, msgs: map[string]string{
		"thread.count": "{n} 件のコメント", "thread.none": "まだコメントはありません",
		"thread.more": "さらに {n} 件のコメントを表示", "thread.more_replies": "さらに {n} 件の返信を表示",
		"form.text": "コメント", "form.author": "名前", "form.email": "メールアドレス", "form.website": "ウェブサイト",
		"form.optional": "任意", "form.submit": "投稿する", "form.submit_reply": "返信する",
		"form.preview": "プレビュー", "form.save": "保存", "form.cancel": "キャンセル",
		"comment.anonymous": "匿名", "comment.reply": "返信", "comment.edit": "編集",
		"comment.delete": "削除", "comment.confirm_yes": "削除する", "comment.deleted": "コメントは削除されました。",
		"comment.pending": "承認待ちです。", "comment.edited": "編集済み",
		"vote.up": "高評価", "vote.down": "低評価", "date.now": "たった今",
		"date.minutes": "{n} 分前", "date.hours": "{n} 時間前", "date.days": "{n} 日前",
		"date.weeks": "{n} 週間前", "date.months": "{n} か月前", "date.years": "{n} 年前",
	}})
}
