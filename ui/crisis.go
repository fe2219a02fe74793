package ui

import (
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"keel/model"
	"keel/model/store"
)

// systemLocale is the locale the country is guessed from while none is chosen: the
// POSIX variables first (LC_ALL, LC_MESSAGES, LANG, as the C library reads them),
// else, where none is set (Windows, macOS apps), the system's own through Fyne. A
// POSIX variable naming no country ("C.UTF-8") is the answer, so Fyne's parser is
// never asked about it and logs nothing.
var systemLocale = func() string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return lang.SystemLocale().String()
}

// crisisContent builds the card's body from model.CrisisCardFor: the intro, the
// country's lines and emergency number (or the fallback), the person's own lines,
// what to do in immediate danger, and how to change the country.
func crisisContent(card model.CrisisCard) fyne.CanvasObject {
	objs := []fyne.CanvasObject{
		&widget.Label{Text: card.Intro, Wrapping: fyne.TextWrapWord},
	}
	where := "Crisis lines where you live"
	if card.CountryName != "" {
		where = "Crisis lines in " + card.CountryName
	}
	objs = append(objs, widget.NewSeparator(), &widget.Label{Text: where + ":", TextStyle: fyne.TextStyle{Italic: true}})
	line := func(l model.CrisisLine) {
		objs = append(objs,
			&widget.Label{Text: l.Name, TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord},
			&widget.Label{Text: l.Detail, Wrapping: fyne.TextWrapWord})
	}
	for _, l := range card.Lines {
		line(l)
	}
	if len(card.Own) > 0 {
		objs = append(objs, widget.NewSeparator(),
			&widget.Label{Text: "Your own lines:", TextStyle: fyne.TextStyle{Italic: true}})
		for _, l := range card.Own {
			line(l)
		}
	}
	objs = append(objs, widget.NewSeparator(),
		&widget.Label{Text: card.Closing, Wrapping: fyne.TextWrapWord, Importance: widget.MediumImportance},
		hintText(card.Note))
	return container.NewVBox(objs...)
}

// showCrisisCard shows the crisis card over the window, worded for how it was
// opened. It is calm, can be closed, scrolls when the lines are many, and changes
// nothing that was recorded. It works while the data is locked too: the card then
// shows the lines of the country guessed from the system locale.
func showCrisisCard(st *store.Store, win fyne.Window, how model.CardOpening) dialog.Dialog {
	settings, err := st.Settings()
	if err != nil {
		settings = model.DefaultSettings()
	}
	card := model.CrisisCardFor(&settings, systemLocale(), how)
	d := dialog.NewCustom(card.Title, "Close", container.NewVScroll(crisisContent(card)), win)
	d.Resize(fyne.NewSize(600, 640))
	d.Show()
	return d
}

// countryPicker is the country list of the welcome screen and Settings
// (model.CountryChoices), preselecting code (a chosen country, or the guess from
// the system locale when code is "").
type countryPicker struct {
	choices []model.CountryChoice
	sel     *widget.Select
}

func newCountryPicker(code string, onChanged func(code string)) *countryPicker {
	c := &countryPicker{choices: model.CountryChoices()}
	names := make([]string, len(c.choices))
	for i, ch := range c.choices {
		names[i] = ch.Name
	}
	c.sel = widget.NewSelect(names, nil)
	c.set(code)
	if onChanged != nil {
		c.sel.OnChanged = func(string) { onChanged(c.code()) }
	}
	return c
}

// set selects code's entry ("" takes the system locale's guess).
func (c *countryPicker) set(code string) {
	if code == "" {
		code = model.CountryFromLocale(systemLocale())
	}
	c.sel.SetSelected(model.ChoiceFor(code).Name)
}

// code is the chosen country's code, or model.CountryElsewhere.
func (c *countryPicker) code() string {
	if i := c.sel.SelectedIndex(); i >= 0 {
		return c.choices[i].Code
	}
	return ""
}
