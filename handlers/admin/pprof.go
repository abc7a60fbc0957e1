package admin

import (
	"net/http"
	"net/http/pprof"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp/fasthttpadaptor"
)

// registerProfiles serves Go's profiles at /admin/debug/pprof/ to a
// signed-in admin only: they show the process's internals.
func registerProfiles(g fiber.Router, auth fiber.Handler) {
	index := fasthttpadaptor.NewFastHTTPHandlerFunc(pprof.Index)
	named := map[string]func(c *fiber.Ctx){
		"cmdline": adapt(pprof.Cmdline), "profile": adapt(pprof.Profile),
		"symbol": adapt(pprof.Symbol), "trace": adapt(pprof.Trace),
	}
	g.Get("/debug/pprof/*", auth, func(c *fiber.Ctx) error {
		name := c.Params("*")
		if h, ok := named[name]; ok {
			h(c)
		} else if name != "" {
			adapt(pprof.Handler(name).ServeHTTP)(c) // heap, goroutine, …
		} else {
			index(c.Context())
		}
		return nil
	})
}

func adapt(h func(w http.ResponseWriter, r *http.Request)) func(c *fiber.Ctx) {
	fh := fasthttpadaptor.NewFastHTTPHandlerFunc(h)
	return func(c *fiber.Ctx) { fh(c.Context()) }
}
