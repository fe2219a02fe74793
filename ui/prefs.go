package ui

import (
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"fyne.io/fyne/v2"

	"keel/model/atomicfile"
)

// PrefsFileName is the file in the data folder that keeps how the window looks and
// behaves on this computer (theme, lock time, reminders, the tray): never what the
// person tracks, which lives in the database.
//
// It has the name and shape of the preferences file Fyne keeps for the app in the
// per-user folder, which is also Keel's default data folder: someone who used an
// earlier Keel keeps their choices, and with --data DIR everything Keel writes stays
// in DIR (Keel can live on a USB stick).
const PrefsFileName = "preferences.json"

// prefs are the window's preferences, kept in PrefsFileName in the data folder. Each
// change is written at once, through a temporary file renamed into place. Its
// methods are safe for use from several goroutines.
type prefs struct {
	mu     sync.Mutex
	path   string // "" keeps them in memory only (tests)
	values map[string]any
}

// openPrefs reads the preferences file of the data folder dir; a missing or
// unreadable file gives the defaults (a damaged preferences file must never keep
// Keel from starting: it only holds choices about the window).
func openPrefs(dir string) *prefs {
	p := &prefs{path: filepath.Join(dir, PrefsFileName), values: map[string]any{}}
	data, err := os.ReadFile(p.path)
	if err == nil {
		if json.Unmarshal(data, &p.values) != nil {
			p.values = map[string]any{}
			fyne.LogError("The preferences file is damaged; Keel starts with its defaults", err)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		fyne.LogError("Cannot read the preferences file", err)
	}
	return p
}

// memoryPrefs are preferences that are never written (tests, the demo).
func memoryPrefs() *prefs { return &prefs{values: map[string]any{}} }

func (p *prefs) get(key string) (any, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	v, ok := p.values[key]
	return v, ok
}

func (p *prefs) set(key string, v any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.values[key] = v
	if p.path == "" {
		return
	}
	data, err := json.Marshal(p.values)
	if err == nil {
		err = atomicfile.Write(p.path, func(w io.Writer) error { _, err := w.Write(data); return err })
	}
	if err != nil {
		fyne.LogError("Cannot save the preferences", err)
	}
}

// Bool returns the boolean at key, false when unset.
func (p *prefs) Bool(key string) bool { return p.BoolWithFallback(key, false) }

// BoolWithFallback returns the boolean at key, or fallback when unset.
func (p *prefs) BoolWithFallback(key string, fallback bool) bool {
	if v, ok := p.get(key); ok {
		if b, ok := v.(bool); ok {
			return b
		}
	}
	return fallback
}

// SetBool saves a boolean.
func (p *prefs) SetBool(key string, v bool) { p.set(key, v) }

// IntWithFallback returns the whole number at key, or fallback when unset.
func (p *prefs) IntWithFallback(key string, fallback int) int {
	if v, ok := p.get(key); ok {
		switch n := v.(type) {
		case float64: // as JSON gives it back
			return int(n)
		case int:
			return n
		}
	}
	return fallback
}

// SetInt saves a whole number.
func (p *prefs) SetInt(key string, v int) { p.set(key, v) }

// StringWithFallback returns the text at key, or fallback when unset.
func (p *prefs) StringWithFallback(key, fallback string) string {
	if v, ok := p.get(key); ok {
		if s, ok := v.(string); ok {
			return s
		}
	}
	return fallback
}

// SetString saves a text.
func (p *prefs) SetString(key, v string) { p.set(key, v) }

// StringList returns the list of texts at key.
func (p *prefs) StringList(key string) []string {
	v, _ := p.get(key)
	switch l := v.(type) {
	case []string:
		return append([]string{}, l...)
	case []any:
		var out []string
		for _, x := range l {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// SetStringList saves a list of texts.
func (p *prefs) SetStringList(key string, v []string) { p.set(key, append([]string{}, v...)) }
