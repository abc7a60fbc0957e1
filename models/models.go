// Package models holds the GORM structs for Isso's tables. Column names,
// types and order are Isso's own so that an Isso comments.db opens in place
// and stays readable by Isso.
package models

// Comment modes, as Isso stores them.
const (
	ModePublished = 1 // accepted and visible
	ModePending   = 2 // awaiting moderation, visible to its author only
	ModeDeleted   = 4 // deleted but kept as a placeholder because it has replies
)

// Thread is a row of Isso's threads table.
type Thread struct {
	ID    int64   `gorm:"column:id;primaryKey"`
	URI   string  `gorm:"column:uri"`
	Title *string `gorm:"column:title"`
}

// TableName pins Isso's table name.
func (Thread) TableName() string { return "threads" }

// Comment is a row of Isso's comments table. Timestamps are float UNIX
// seconds, as Isso stores them; Author, Email and Website are stored
// HTML-escaped (Isso escapes at write time).
type Comment struct {
	TID          int64    `gorm:"column:tid"`
	ID           int64    `gorm:"column:id;primaryKey"`
	Parent       *int64   `gorm:"column:parent"`
	Created      float64  `gorm:"column:created"`
	Modified     *float64 `gorm:"column:modified"`
	Mode         int      `gorm:"column:mode"`
	RemoteAddr   string   `gorm:"column:remote_addr"`
	Text         string   `gorm:"column:text"`
	Author       *string  `gorm:"column:author"`
	Email        *string  `gorm:"column:email"`
	Website      *string  `gorm:"column:website"`
	Likes        int      `gorm:"column:likes"`
	Dislikes     int      `gorm:"column:dislikes"`
	Voters       []byte   `gorm:"column:voters"`
	Notification *int     `gorm:"column:notification"`
}

// TableName pins Isso's table name.
func (Comment) TableName() string { return "comments" }

// Preference is a row of Isso's preferences table (e.g. session-key).
type Preference struct {
	Key   string  `gorm:"column:key;primaryKey"`
	Value *string `gorm:"column:value"`
}

// TableName pins Isso's table name.
func (Preference) TableName() string { return "preferences" }
