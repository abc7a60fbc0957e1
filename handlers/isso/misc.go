package isso

import (
	"encoding/json"
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers/replay"
	"github.com/natter/natter/handlers/reqctx"
	"github.com/natter/natter/internal/cache"
	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/pyjson"
)

// clientConfig is what GET /config (and every thread answer) tells Isso's
// client.
type clientConfig struct {
	ReplyToSelf        bool  `json:"reply-to-self"`
	RequireEmail       bool  `json:"require-email"`
	RequireAuthor      bool  `json:"require-author"`
	WebsiteField       bool  `json:"website-field"`
	ReplyNotifications bool  `json:"reply-notifications"`
	Gravatar           bool  `json:"gravatar"`
	Avatar             *bool `json:"avatar,omitempty"` // only with gravatar, then false
	Feed               bool  `json:"feed"`
}

func (a *api) clientConfig() clientConfig {
	p := a.Comments.Policy()
	cfg := clientConfig{ReplyToSelf: p.Guard.ReplyToSelf, RequireEmail: p.Guard.RequireEmail,
		RequireAuthor: p.Guard.RequireAuthor, WebsiteField: p.WebsiteField,
		ReplyNotifications: p.ReplyNotifications, Gravatar: p.Gravatar, Feed: a.RSSBase != ""}
	if p.Gravatar {
		no := false
		cfg.Avatar = &no
	}
	return cfg
}

func (a *api) config(c *fiber.Ctx) error {
	return writeJSON(c, fiber.Map{"config": a.clientConfig()})
}

// counts is POST /count: published comments per thread URI, in order.
// Pages send the same list on every view, so answers are kept by body
// until any count may have changed.
func (a *api) counts(c *fiber.Ctx) error {
	version, body := a.Comments.Generation(c.UserContext()), string(c.Body())
	replay.Keep(c, version, comment.Forever)
	if ans, ok := a.countAnswers.Get(body); ok && ans.version == version {
		return sendJSON(c, fiber.StatusOK, ans.body)
	}
	uris, err := countURIs(c.Body())
	if err != nil {
		return fail(c, fiber.StatusBadRequest, "Unable to read JSON request", false)
	}
	n, err := a.Comments.Counts(c.UserContext(), uris)
	if err != nil {
		return a.failFor(c, err)
	}
	answer, err := pyjson.Marshal(n)
	if err != nil {
		return err
	}
	a.countAnswers.Set(body, countAnswer{version: version, body: answer})
	return sendJSON(c, fiber.StatusOK, answer)
}

// countAnswer is an encoded POST /count answer and the counts version
// (comment.Service.Generation) it was computed under.
type countAnswer struct {
	version uint64
	body    []byte
}

func newCountAnswers(c *cache.Cache) *cache.Space[countAnswer] {
	return cache.NewSpace(c, "isso-count", func(a countAnswer) int64 { return int64(cap(a.body)) + 8 })
}

// countURIs reads the body as Isso does: an array of URIs; Isso iterates
// whatever it gets, so a string counts per character and an object per key.
// Non-string array items match no thread.
func countURIs(body []byte) ([]string, error) {
	var uris []string // the common case, decoded in one pass
	if err := json.Unmarshal(body, &uris); err == nil {
		return uris, nil
	}
	var arr []json.RawMessage
	if err := json.Unmarshal(body, &arr); err == nil {
		out := make([]string, len(arr))
		for i, raw := range arr {
			var s string
			if json.Unmarshal(raw, &s) != nil {
				s = "\x00not-a-uri"
			}
			out[i] = s
		}
		return out, nil
	}
	var s string
	if err := json.Unmarshal(body, &s); err == nil {
		return strings.Split(s, "")[:len([]rune(s))], nil
	}
	return objectKeys(body)
}

func objectKeys(body []byte) ([]string, error) {
	if !json.Valid(body) { // the token walk below would take "{" as {}
		return nil, errors.New("isso: count body is not JSON")
	}
	dec := json.NewDecoder(strings.NewReader(string(body)))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, errors.New("isso: count body is not an array")
	}
	var keys []string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		keys = append(keys, t.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return nil, err
		}
	}
	if t, err := dec.Token(); err != nil || t != json.Delim('}') {
		return nil, errors.New("isso: count body is not an object")
	}
	return keys, nil
}

// preview is POST /preview.
func (a *api) preview(c *fiber.Ctx) error {
	var body struct {
		Text *string `json:"text"`
	}
	if err := json.Unmarshal(c.Body(), &body); err != nil {
		return fail(c, fiber.StatusBadRequest, "Unable to read JSON request", false)
	}
	if body.Text == nil {
		return fail(c, fiber.StatusBadRequest, "no text given", false)
	}
	return writeJSON(c, fiber.Map{"text": string(a.Comments.Preview(*body.Text))})
}

// info is /info (any method).
func (a *api) info(c *fiber.Ctx) error {
	type infoJSON struct { // in Isso's order
		Version    string `json:"version"`
		Host       string `json:"host"`
		Origin     string `json:"origin"`
		Moderation bool   `json:"moderation"`
	}
	return writeJSON(c, infoJSON{Version: issoVersion, Host: reqctx.Get(c).BaseURL(),
		Origin:     a.Origins.Match(c.Get(fiber.HeaderOrigin), c.Get(fiber.HeaderReferer)),
		Moderation: a.Comments.Policy().Moderation})
}

// issoVersion is the Isso API version Natter reproduces.
const issoVersion = "0.14.0"

// latest is GET /latest?limit=N, when enabled.
func (a *api) latest(c *fiber.Ctx) error {
	if !a.Comments.Policy().LatestEnabled {
		return fail(c, fiber.StatusNotFound, "Unavailable because 'latest-enabled' not set by site admin", true)
	}
	n, ok := parseInt(c.Query("limit"))
	if !ok || n <= 0 {
		return fail(c, fiber.StatusBadRequest, "Query parameter 'limit' is mandatory (integer, >0)", true)
	}
	items, err := a.Comments.Latest(c.UserContext(), n)
	if err != nil {
		return a.failFor(c, err)
	}
	type latestJSON struct {
		ID       int64         `json:"id"`
		Parent   *int64        `json:"parent"`
		URI      string        `json:"uri"`
		Text     string        `json:"text"`
		Author   *string       `json:"author"`
		Website  *string       `json:"website"`
		Mode     int           `json:"mode"`
		Created  pyjson.Float  `json:"created"`
		Modified *pyjson.Float `json:"modified"`
		Likes    int           `json:"likes"`
		Dislikes int           `json:"dislikes"`
	}
	out := make([]latestJSON, len(items))
	for i, it := range items {
		out[i] = latestJSON{ID: it.ID, Parent: it.Parent, URI: it.URI, Text: string(it.HTML), Author: it.Author,
			Website: it.Website, Mode: it.Mode, Created: pyjson.Float(it.Created), Modified: (*pyjson.Float)(it.Modified), Likes: it.Likes, Dislikes: it.Dislikes}
	}
	return writeJSON(c, out)
}

func isNotFound(err error) bool { return errors.Is(err, comment.ErrNotFound) }
