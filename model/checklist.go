package model

import (
	"fmt"
	"strings"
	"time"
)

// ItemKind says how a checklist item is completed.
type ItemKind string

const (
	// ItemTick is ticked by hand.
	ItemTick ItemKind = ""
	// ItemIntention is done when the session has an intention written; the Prepare
	// screen shows the text field in its place.
	ItemIntention ItemKind = "intention"
)

// MaxChecklistItems is the most items a template or checklist may hold.
const MaxChecklistItems = 50

// TemplateItem is one line of a preparation template.
type TemplateItem struct {
	Text string   `json:"text"`
	Kind ItemKind `json:"kind,omitempty"`
}

// Template is the preparation checklist used for new sessions of one route.
type Template struct {
	Route   Route          `json:"route"`
	Items   []TemplateItem `json:"items"`
	Updated time.Time      `json:"updated"`
}

// The built-in preparation items (docs/product.md item 2 and "What the field notes
// say"), in plain, kind words.
var (
	commonBefore = []TemplateItem{
		{Text: "Write down your intention for this session", Kind: ItemIntention},
		{Text: "Clear the treatment window of stressful commitments where you can"},
		{Text: "Book an integration or therapy appointment for the days after"},
		{Text: "Have your journal ready for the days after"},
		{Text: "List your questions and current medicines to raise with the clinic"},
		{Text: "No alcohol or cannabis in the last 24 hours"},
		{Text: "Sleep as well as you can the night before"},
	}
	clinicItems = []TemplateItem{
		{Text: "Fast as your clinic instructed"},
		{Text: "Arrange a ride home (no driving until the next day, after a restful sleep)"},
		{Text: "Pack comfortable clothes, an eye mask and headphones"},
	}
	homeItems = []TemplateItem{
		{Text: "Arrange for a sober sitter to be with you"},
		{Text: "Prepare a safe, quiet room"},
		{Text: "Put your phone on do-not-disturb"},
	}
)

// DefaultTemplate returns the built-in template for route: the common items, plus
// the clinic items for IV, IM and nasal spray, or the at-home items for lozenges.
func DefaultTemplate(route Route) Template {
	items := append([]TemplateItem{}, commonBefore...)
	switch route {
	case RouteIV, RouteIM, RouteNasal:
		items = append(items, clinicItems...)
	case RouteLozenge:
		items = append(items, homeItems...)
	}
	return Template{Route: route, Items: items}
}

// FieldItems is the field name of a template's items in validation messages.
const FieldItems = "items"

// Validate refuses empty items, duplicates, too many items and an unknown route.
func (t *Template) Validate(time.Time) error {
	v := &ValidationError{}
	if _, ok := routeLabels[t.Route]; !ok {
		v.add(FieldRoute, "Choose which route this template is for.")
	}
	if len(t.Items) == 0 {
		v.add(FieldItems, "A checklist needs at least one item.")
	}
	if len(t.Items) > MaxChecklistItems {
		v.add(FieldItems, "A checklist can hold up to %d items (this one has %d).", MaxChecklistItems, len(t.Items))
	}
	seen := map[string]int{}
	for i, it := range t.Items {
		text := strings.TrimSpace(it.Text)
		switch {
		case text == "":
			v.add(FieldItems, "Item %d is empty; write something or remove it.", i+1)
		case seen[strings.ToLower(text)] > 0:
			v.add(FieldItems, "“%s” is in the list twice (items %d and %d).", text, seen[strings.ToLower(text)], i+1)
		}
		seen[strings.ToLower(text)] = i + 1
		v.checkText(FieldItems, fmt.Sprintf("Item %d", i+1), it.Text, MaxShortText)
	}
	return v.orNil()
}

// ChecklistItem is one line of a session's checklist.
type ChecklistItem struct {
	Text   string     `json:"text"`
	Kind   ItemKind   `json:"kind,omitempty"`
	DoneAt *time.Time `json:"done_at,omitempty"`
}

// Checklist is the preparation of one session, copied from its route's template when
// the session was planned, so later template edits never change it.
type Checklist struct {
	SessionID uint64          `json:"session_id"`
	Route     Route           `json:"route"`
	Items     []ChecklistItem `json:"items"`
	Created   time.Time       `json:"created"`
	Updated   time.Time       `json:"updated"`
}

// NewChecklist copies t's items into a fresh checklist for a session.
func NewChecklist(sessionID uint64, t Template) Checklist {
	c := Checklist{SessionID: sessionID, Route: t.Route, Items: make([]ChecklistItem, len(t.Items))}
	for i, it := range t.Items {
		c.Items[i] = ChecklistItem{Text: strings.TrimSpace(it.Text), Kind: it.Kind}
	}
	return c
}

// Touched reports whether any item has been ticked.
func (c *Checklist) Touched() bool {
	for _, it := range c.Items {
		if it.DoneAt != nil {
			return true
		}
	}
	return false
}

// Preparation is how much of a checklist is done.
type Preparation struct {
	Done, Total int
}

// String is "7 of 11".
func (p Preparation) String() string { return fmt.Sprintf("%d of %d", p.Done, p.Total) }

// Fraction is Done/Total, 0 for an empty checklist.
func (p Preparation) Fraction() float64 {
	if p.Total == 0 {
		return 0
	}
	return float64(p.Done) / float64(p.Total)
}

// Score counts the items done. The intention item counts as done when the session
// has an intention written.
func (c *Checklist) Score(s Session) Preparation {
	p := Preparation{Total: len(c.Items)}
	for _, it := range c.Items {
		if it.Done(s) {
			p.Done++
		}
	}
	return p
}

// Done reports whether the item is complete for session s.
func (it ChecklistItem) Done(s Session) bool {
	if it.Kind == ItemIntention {
		return strings.TrimSpace(s.Intention) != ""
	}
	return it.DoneAt != nil
}

// ThinPreparation reports whether to show a gentle note: the session is less than
// 24 hours away and fewer than half of its items are done.
func ThinPreparation(now time.Time, s Session, p Preparation) bool {
	until := s.At.Sub(now)
	return !s.Done() && until > 0 && until <= 24*time.Hour && p.Total > 0 && p.Done*2 < p.Total
}

// Validate refuses empty items, too many, and a checklist without a session.
func (c *Checklist) Validate(time.Time) error {
	v := &ValidationError{}
	if c.SessionID == 0 {
		v.add("session", "A checklist belongs to a session.")
	}
	if len(c.Items) > MaxChecklistItems {
		v.add(FieldItems, "A checklist can hold up to %d items.", MaxChecklistItems)
	}
	for i, it := range c.Items {
		if strings.TrimSpace(it.Text) == "" {
			v.add(FieldItems, "Item %d is empty.", i+1)
		}
		v.checkText(FieldItems, fmt.Sprintf("Item %d", i+1), it.Text, MaxShortText)
	}
	return v.orNil()
}
