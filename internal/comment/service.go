// Package comment is Natter's one comment service: creating, listing,
// editing, deleting, voting, guarding and moderating comments. The Isso JSON
// API, the htmx widget and the admin panel all call it; it knows nothing of
// HTTP or HTML templates.
package comment

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/natter/natter/internal/authorhash"
	"github.com/natter/natter/internal/cache"
	"github.com/natter/natter/internal/markup"
	"github.com/natter/natter/internal/signed"
)

// Policy is the part of the configuration the rules depend on.
type Policy struct {
	MaxAge                 time.Duration // edit window
	Moderation             bool
	ApproveIfEmailApproved bool
	PurgeAfter             time.Duration
	Guard                  Guard
	Gravatar               bool
	GravatarURL            string
	ReplyNotifications     bool
	LatestEnabled          bool
	FeedEnabled            bool
	WebsiteField           bool
}

// Guard is Isso's [guard] section.
type Guard struct {
	Enabled       bool
	RateLimit     int
	DirectReply   int
	ReplyToSelf   bool
	RequireAuthor bool
	RequireEmail  bool
}

// Renderer turns Markdown into sanitised HTML.
type Renderer interface {
	Render(md string) markup.SafeHTML
	Version() string
}

// TitleFetcher discovers a new thread's title (and possibly its canonical
// URI) from the page that embeds it.
type TitleFetcher interface {
	Title(ctx context.Context, origin, uri string) (title, newURI string, err error)
}

// Deps are the service's collaborators.
type Deps struct {
	Store    Store
	Renderer Renderer
	Hasher   *authorhash.Hasher
	Signer   *signed.Signer
	Titles   TitleFetcher
	Events   Events
	Outbox   Outbox // optional: notifications written with each change
	Logger   *slog.Logger
	Now      func() time.Time
	// Cache is the site's byte-budgeted cache, which holds thread
	// snapshots and rendered Markdown; nil means a private one of
	// DefaultCacheBudget.
	Cache *cache.Cache
	// External, if set, lets the thread cache notice other processes'
	// writes (see ExternalVersion).
	External ExternalVersion
	// AnswerSeed, if set, turns stored answers on (stored.go): it names
	// the build and the configuration, which shape every answer.
	AnswerSeed func() string
}

// DefaultCacheBudget is [natter] cache-budget's default, for services
// built without a site cache (tests, tools).
const DefaultCacheBudget = 64 << 20

// Service implements the comment rules.
type Service struct {
	d       Deps
	policy  Policy
	cache   *threadCache
	renders *cache.Space[markup.SafeHTML]
	loads   singleflight.Group
	ext     externalWatch
	bg      sync.WaitGroup // background writes of derived values (prime)
	// patching serialises snapshot patches after writes (patchRow).
	patching sync.Mutex
	// keeper queues stored answers for the background (stored.go).
	keeper keeper
}

// Close waits for the background writes the service has started, so
// that closing the store after it loses none.
func (s *Service) Close() { s.bg.Wait() }

// New builds the service.
func New(d Deps, p Policy) *Service {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Events == nil {
		d.Events = noEvents{}
	}
	if d.Cache == nil {
		d.Cache = cache.New(DefaultCacheBudget)
	}
	return &Service{d: d, policy: p, cache: newThreadCache(d.Cache), renders: newRenderCache(d.Cache)}
}

// Policy returns the rules the service applies (the presenters expose some
// of them to clients).
func (s *Service) Policy() Policy { return s.policy }

// Now is the service's clock (tests inject one); presenters use it for
// times they derive from the service's, such as cookie expiry.
func (s *Service) Now() time.Time { return s.d.Now() }

func (s *Service) now() float64 {
	t := s.d.Now()
	return float64(t.UnixNano()) / 1e9
}
