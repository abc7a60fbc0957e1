package authorhash

import "testing"

func TestGravatar(t *testing.T) {
	const tmpl = "https://www.gravatar.com/avatar/{}?d=identicon&s=55"
	tests := []struct {
		name, tmpl, email, author, want string
	}{
		{"no email, no author (§5.7 example)", tmpl, "", "",
			"https://www.gravatar.com/avatar/d41d8cd98f00b204e9800998ecf8427e?d=identicon&s=55"},
		{"email is not lower-cased", tmpl, "Foo@Example.org", "Bob",
			"https://www.gravatar.com/avatar/df9fe07fbb5f92946575e74b6e0d20cc?d=identicon&s=55"},
		{"author when no email", tmpl, "", "Bob",
			"https://www.gravatar.com/avatar/2fc1c0beb992cd7096975cfebf9d5c3b?d=identicon&s=55"},
		{"only first placeholder", "x/{}/{}", "", "", "x/d41d8cd98f00b204e9800998ecf8427e/{}"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Gravatar(tc.tmpl, tc.email, tc.author); got != tc.want {
				t.Errorf("Gravatar = %s, want %s", got, tc.want)
			}
		})
	}
}
