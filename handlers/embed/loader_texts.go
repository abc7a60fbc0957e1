package embed

import (
	"encoding/json"
	"strings"

	"github.com/natter/natter/internal/i18n"
)

// loaderKeys are the catalogue texts the loader shows itself: before the
// thread arrives, when it cannot arrive, and on pages it cannot serve.
var loaderKeys = []string{
	"thread.loading", "loader.failed", "loader.retry", "loader.open_page",
	"err.unreachable_short", "loader.htmx4", "loader.htmx4_link",
}

// loaderTexts is the loader's share of the catalogue as a JavaScript
// object literal, {"en": {key: text}, "zh-cn": …}: one entry per language,
// tags in lower case (JSON escapes <, > and &, so it is safe in a script).
func loaderTexts() string {
	all := map[string]map[string]string{}
	for _, tag := range i18n.Tags() {
		l, ok := i18n.Lookup(tag)
		if !ok {
			continue
		}
		m := map[string]string{}
		for _, k := range loaderKeys {
			m[k] = l.T(k)
		}
		all[strings.ToLower(tag)] = m
	}
	b, _ := json.Marshal(all) // maps of strings always encode
	return string(b)
}
