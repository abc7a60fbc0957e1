// Package demo renders the /demo page, which explains what Natter is and how
// to embed it.
package demo

import "strings"

// DemoProps are the inputs of Demo.
type DemoProps struct {
	// BaseURL is Natter's public base URL including any sub-path,
	// e.g. "https://comments.example.org/natter". A trailing slash is ignored.
	BaseURL string
	// CSSURL is the full URL of the hashed stylesheet.
	CSSURL string
	// Version is the running Natter version, shown in the footer.
	Version string
}

// base returns BaseURL without a trailing slash, so snippets can append paths.
func (p DemoProps) base() string {
	return strings.TrimRight(p.BaseURL, "/")
}

// EmbedSnippet is the markup a host page adds to show a Natter thread;
// its link is what readers get when the widget cannot run (README).
func (p DemoProps) EmbedSnippet() string {
	b := p.base()
	return `<script src="` + b + `/embed.js" defer></script>` + "\n" +
		`<div hx-get="` + b + `/embed/thread?uri=/demo" hx-trigger="load">` + "\n" +
		`  <a href="` + b + `/embed/thread?uri=/demo">Comments</a>` + "\n" +
		`</div>`
}

// IssoSnippet is the markup an existing Isso installation already has; it
// keeps working once its data-isso URL points at Natter.
func (p DemoProps) IssoSnippet() string {
	b := p.base()
	return `<script data-isso="` + b + `/" src="` + b + `/js/embed.min.js"></script>` + "\n" +
		`<section id="isso-thread"></section>`
}

// ThreadURL is the live widget's thread on the demo page.
func (p DemoProps) ThreadURL() string { return p.base() + "/embed/thread?uri=/demo" }

// scripts loads the embed loader, as a host page would.
func (p DemoProps) scripts() []string { return []string{p.base() + "/embed.js"} }

// splitPlaceholders splits a catalogue message around its placeholders.
func splitPlaceholders(msg, placeholder string) []string {
	return strings.Split(msg, placeholder)
}
