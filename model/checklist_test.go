package model

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func itemTexts(items []TemplateItem) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Text
	}
	return out
}

func contains(list []string, part string) bool {
	for _, s := range list {
		if strings.Contains(strings.ToLower(s), part) {
			return true
		}
	}
	return false
}

func TestDefaultTemplates(t *testing.T) {
	common := []string{"intention", "stressful commitments", "integration or therapy", "journal", "medicines", "alcohol or cannabis", "sleep"}
	tests := []struct {
		route      Route
		want, lack []string
	}{
		{RouteIV, []string{"fast", "ride home", "eye mask"}, []string{"sitter"}},
		{RouteIM, []string{"fast", "ride home", "headphones"}, []string{"sitter"}},
		{RouteNasal, []string{"fast", "ride home", "comfortable clothes"}, []string{"sitter"}},
		{RouteLozenge, []string{"sober sitter", "quiet room", "do-not-disturb"}, []string{"ride home", "fast as"}},
		{RouteOther, nil, []string{"sitter", "ride home"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.route), func(t *testing.T) {
			tpl := DefaultTemplate(tt.route)
			texts := itemTexts(tpl.Items)
			for _, w := range append(common, tt.want...) {
				if !contains(texts, w) {
					t.Errorf("DefaultTemplate(%s) lacks an item about %q: %q", tt.route, w, texts)
				}
			}
			for _, l := range tt.lack {
				if contains(texts, l) {
					t.Errorf("DefaultTemplate(%s) has an item about %q, which is for another route", tt.route, l)
				}
			}
			if err := tpl.Validate(testNow); err != nil {
				t.Errorf("DefaultTemplate(%s).Validate() = %v", tt.route, err)
			}
			if tpl.Items[0].Kind != ItemIntention {
				t.Errorf("DefaultTemplate(%s) does not start with the intention item", tt.route)
			}
		})
	}
	// The defaults are data: changing the returned template must not change the next one.
	a := DefaultTemplate(RouteIV)
	a.Items[1].Text = "changed"
	if DefaultTemplate(RouteIV).Items[1].Text == "changed" {
		t.Error("DefaultTemplate returns shared items")
	}
}

func TestTemplateValidate(t *testing.T) {
	many := make([]TemplateItem, MaxChecklistItems+1)
	for i := range many {
		many[i].Text = strings.Repeat("x", i+1)
	}
	tests := []struct {
		name  string
		items []TemplateItem
		ok    bool
	}{
		{"fine", []TemplateItem{{Text: "Rest"}, {Text: "Eat"}}, true},
		{"exactly 50", many[:MaxChecklistItems], true},
		{"51 items", many, false},
		{"empty item", []TemplateItem{{Text: "Rest"}, {Text: "  "}}, false},
		{"duplicate", []TemplateItem{{Text: "Rest"}, {Text: "rest "}}, false},
		{"no items", nil, false},
		{"item too long", []TemplateItem{{Text: strings.Repeat("y", MaxShortText+1)}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tpl := Template{Route: RouteIV, Items: tt.items}
			err := tpl.Validate(testNow)
			var v *ValidationError
			if tt.ok != (err == nil) || (err != nil && (!errors.As(err, &v) || v.For(FieldItems) == "")) {
				t.Errorf("Validate(%s) = %v, want ok=%v with a message on the items", tt.name, err, tt.ok)
			}
		})
	}
}

func TestPreparationScore(t *testing.T) {
	c := NewChecklist(1, DefaultTemplate(RouteIV)) // 10 items, the first is the intention
	s := Session{At: testNow.Add(12 * time.Hour), Status: StatusPlanned}
	if p := c.Score(s); p.Done != 0 || p.Total != 10 || p.String() != "0 of 10" {
		t.Fatalf("Score(empty) = %v, want 0 of 10", p)
	}
	s.Intention = "Stay curious"
	c.Items[3].DoneAt = &testNow
	c.Items[4].DoneAt = &testNow
	if p := c.Score(s); p.Done != 3 {
		t.Errorf("Score(intention + 2 ticks) = %v, want 3 of 10", p)
	}
	tests := []struct {
		name  string
		until time.Duration
		done  int
		thin  bool
	}{
		{"12 h away, 3 of 10", 12 * time.Hour, 3, true},
		{"12 h away, 5 of 10", 12 * time.Hour, 5, false},
		{"30 h away, 0 of 10", 30 * time.Hour, 0, false},
		{"24 h away, 4 of 10", 24 * time.Hour, 4, true},
		{"already past", -time.Hour, 0, false},
	}
	for _, tt := range tests {
		s := Session{At: testNow.Add(tt.until), Status: StatusPlanned}
		if got := ThinPreparation(testNow, s, Preparation{Done: tt.done, Total: 10}); got != tt.thin {
			t.Errorf("ThinPreparation(%s) = %v, want %v", tt.name, got, tt.thin)
		}
	}
}
