package daylio

import (
	"html"
	"regexp"
	"strings"
)

// htmlTag matches something that looks like an HTML tag. Only the tags in
// breakTags and dropTags are acted on, so a note that says "<3" or "I <love> it"
// keeps its words.
var htmlTag = regexp.MustCompile(`</?([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>`)

// htmlEntity matches a character reference with its closing semicolon. Legacy forms
// without one (&amp, &not) are left alone: in a plain-text note "&not" is a word.
var htmlEntity = regexp.MustCompile(`&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});`)

// breakTags end a line; dropTags only format text. Both by lower-case name.
var (
	breakTags = map[string]bool{
		"br": true, "p": true, "div": true, "li": true, "ul": true, "ol": true, "hr": true,
		"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
		"blockquote": true, "pre": true, "tr": true,
	}
	dropTags = map[string]bool{
		"b": true, "i": true, "u": true, "s": true, "em": true, "strong": true, "strike": true,
		"del": true, "ins": true, "span": true, "font": true, "a": true, "mark": true,
		"small": true, "big": true, "sub": true, "sup": true, "code": true, "tt": true,
		"html": true, "body": true, "td": true, "th": true, "table": true, "tbody": true,
	}
)

// plainText turns a note as Daylio exports it into plain text: <br>, <p>, <div> and
// the like become line breaks, other formatting tags go, entities such as &amp; and
// &nbsp; become their characters (a no-break space becomes a plain one), runs of
// more than one blank line shrink to one, and surrounding space is trimmed.
func plainText(s string) string {
	if strings.IndexByte(s, '<') >= 0 {
		s = htmlTag.ReplaceAllStringFunc(s, func(tag string) string {
			name := strings.ToLower(htmlTag.FindStringSubmatch(tag)[1])
			switch {
			case breakTags[name]:
				return "\n"
			case dropTags[name]:
				return ""
			}
			return tag
		})
	}
	if strings.IndexByte(s, '&') >= 0 {
		s = htmlEntity.ReplaceAllStringFunc(s, html.UnescapeString)
	}
	s = strings.ReplaceAll(s, "\u00a0", " ")
	s = strings.TrimSpace(s)
	for strings.Contains(s, "\n\n\n") {
		s = strings.ReplaceAll(s, "\n\n\n", "\n\n")
	}
	return s
}
