package isso

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers/reqctx"
	"github.com/natter/natter/internal/comment"
)

// actor identifies the caller for the service. The edit token is Isso's
// per-comment cookie, named by the comment id.
func (a *api) actor(c *fiber.Ctx, id int64) comment.Actor {
	r := reqctx.Get(c)
	who := comment.Actor{IP: r.ClientIP, Origin: a.Origins.Match(c.Get(fiber.HeaderOrigin), c.Get(fiber.HeaderReferer))}
	if id > 0 {
		who.Token = c.Cookies(strconv.FormatInt(id, 10))
	}
	return who
}

func commentID(c *fiber.Ctx) int64 {
	id, _ := strconv.ParseInt(c.Params("id"), 10, 64)
	return id
}

// uriTooLong refuses a thread URI over comment.MaxURIBytes.
var uriTooLong = "uri is too long (maximum length: " + strconv.Itoa(comment.MaxURIBytes) + " bytes)"

// readJSON reads a JSON object body with parse; when it is refused, ok is
// false and the refusal has been answered (err is that answer's).
func readJSON[T any](c *fiber.Ctx, parse func(map[string]json.RawMessage) (T, string)) (in T, ok bool, err error) {
	body, derr := decodeObject(c.Body())
	if derr != nil {
		return in, false, fail(c, fiber.StatusBadRequest, "Unable to read JSON request", false)
	}
	in, msg := parse(body)
	if msg != "" {
		return in, false, fail(c, fiber.StatusBadRequest, msg, true)
	}
	return in, true, nil
}

// createComment is POST /new?uri=.
func (a *api) createComment(c *fiber.Ctx) error {
	if !c.Context().QueryArgs().Has("uri") {
		return fail(c, fiber.StatusBadRequest, "missing uri query", false) // raised in Isso
	}
	in, ok, err := readJSON(c, newCommentInput)
	if !ok {
		return err
	}
	in.URI = c.Query("uri")
	if len(in.URI) > comment.MaxURIBytes {
		return fail(c, fiber.StatusRequestURITooLong, uriTooLong, false)
	}
	created, err := a.Comments.Create(c.UserContext(), in, a.actor(c, 0))
	if err != nil {
		return a.failFor(c, err)
	}
	a.setEditCookies(c, created.ID, created.Token, a.Comments.Policy().MaxAge)
	status := fiber.StatusCreated
	if created.Mode == 2 {
		status = fiber.StatusAccepted
	}
	return writeJSON(c.Status(status), toJSON(created.View, shape{identity: true}))
}

// viewComment is GET /id/<id>: the author's own comment, e.g. its raw text
// before an edit.
func (a *api) viewComment(c *fiber.Ctx) error {
	id := commentID(c)
	v, err := a.Comments.Get(c.UserContext(), id, a.actor(c, id))
	if err != nil {
		return a.failFor(c, err)
	}
	return writeJSON(c, toJSON(v, shape{plain: c.Query("plain", "0") != "0"}))
}

// editComment is PUT /id/<id>.
func (a *api) editComment(c *fiber.Ctx) error {
	id := commentID(c)
	in, ok, err := readJSON(c, editInput)
	if !ok {
		return err
	}
	edited, err := a.Comments.Edit(c.UserContext(), id, in, a.actor(c, id))
	if err != nil {
		return a.failFor(c, err)
	}
	a.setEditCookies(c, id, edited.Token, a.Comments.Policy().MaxAge)
	return writeJSON(c, toJSON(edited.View, shape{}))
}

// deleteComment is DELETE /id/<id>: null when the row is gone, the
// placeholder (with its empty, unrendered text) when replies keep it.
func (a *api) deleteComment(c *fiber.Ctx) error {
	id := commentID(c)
	kept, err := a.Comments.Delete(c.UserContext(), id, a.actor(c, id))
	if err != nil {
		return a.failFor(c, err)
	}
	a.expireEditCookies(c, id)
	if kept == nil {
		return sendJSON(c, fiber.StatusOK, []byte("null"))
	}
	return writeJSON(c, toJSON(kept, shape{plain: true}))
}

// vote is POST /id/<id>/like and /dislike; Isso answers 200 with null for
// an unknown comment.
func (a *api) vote(up bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		v, err := a.Comments.Vote(c.UserContext(), commentID(c), up, a.actor(c, 0))
		if err != nil {
			if isNotFound(err) {
				return sendJSON(c, fiber.StatusOK, []byte("null"))
			}
			return a.failFor(c, err)
		}
		type voteJSON struct { // in Isso's order
			Likes    int    `json:"likes"`
			Dislikes int    `json:"dislikes"`
			Message  string `json:"message,omitempty"`
		}
		return writeJSON(c, voteJSON{Likes: v.Likes, Dislikes: v.Dislikes, Message: v.Message})
	}
}

// decodeObject parses a JSON object body, keeping raw values so that
// types can be checked with Isso's messages.
func decodeObject(b []byte) (map[string]json.RawMessage, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	if m == nil { // a body of null
		m = map[string]json.RawMessage{}
	}
	return m, nil
}

// stringField reads an optional string; null and absence give nil.
func stringField(m map[string]json.RawMessage, key string) (*string, string) {
	raw, ok := m[key]
	if !ok || string(raw) == "null" {
		return nil, ""
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, key + " must be a string or null"
	}
	return &s, ""
}

func textFields(m map[string]json.RawMessage, keys ...string) (comment.Input, string) {
	var in comment.Input
	targets := map[string]**string{"text": &in.Text, "author": &in.Author, "email": &in.Email, "website": &in.Website}
	for _, k := range keys {
		v, msg := stringField(m, k)
		if msg != "" {
			return in, msg
		}
		*targets[k] = v
	}
	return in, ""
}

func newCommentInput(m map[string]json.RawMessage) (comment.CreateInput, string) {
	base, msg := textFields(m, "text", "author", "email", "website")
	if msg != "" {
		return comment.CreateInput{}, msg
	}
	in := comment.CreateInput{Input: base}
	if raw, ok := m["parent"]; ok && string(raw) != "null" {
		p, ok := intLike(raw)
		if !ok {
			return in, "parent must be an integer or null"
		}
		if p != 0 {
			in.Parent = &p
		}
	}
	var title string
	if json.Unmarshal(m["title"], &title) == nil {
		in.Title = title
	}
	if raw, ok := m["notification"]; ok {
		if n, ok := intLike(raw); ok {
			v := int(n)
			in.Notification = &v
		}
	}
	return in, ""
}

func editInput(m map[string]json.RawMessage) (comment.Input, string) {
	return textFields(m, "text", "author", "website")
}

// intLike accepts integers and, like Python's bool-is-int, true/false.
func intLike(raw json.RawMessage) (int64, bool) {
	switch string(raw) {
	case "true":
		return 1, true
	case "false":
		return 0, true
	}
	if strings.ContainsAny(string(raw), ".eE") {
		return 0, false // Python's int check refuses floats, even 1.0
	}
	var n int64
	if err := json.Unmarshal(raw, &n); err != nil {
		return 0, false
	}
	return n, true
}
