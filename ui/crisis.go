package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"keel/model"
	"keel/model/store"
)

// crisisIntro is said first on the crisis card, plainly (docs/product.md item 4).
const crisisIntro = "Nobody is monitoring what you write in Keel, so nobody will see this answer and reach out. " +
	"If you are thinking about ending your life or hurting yourself, please reach out to someone now:"

// crisisContent builds the card's body from the editable crisis lines.
func crisisContent(lines []model.CrisisLine) fyne.CanvasObject {
	objs := []fyne.CanvasObject{
		&widget.Label{Text: crisisIntro, Wrapping: fyne.TextWrapWord},
	}
	for _, l := range lines {
		objs = append(objs,
			&widget.Label{Text: l.Name, TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord},
			&widget.Label{Text: l.Detail, Wrapping: fyne.TextWrapWord})
	}
	objs = append(objs, &widget.Label{
		Text:     "If you are in immediate danger, call your local emergency number. You deserve support, and it helps to tell your care team about this answer too.",
		Wrapping: fyne.TextWrapWord, Importance: widget.MediumImportance,
	})
	return container.NewVBox(objs...)
}

// showCrisisCard shows the crisis card over the window. It is calm, can be closed,
// and changes nothing that was recorded. It works while the data is locked too: the
// lines are then the built-in ones.
func showCrisisCard(st *store.Store, win fyne.Window) dialog.Dialog {
	settings, err := st.Settings()
	if err != nil {
		settings = model.DefaultSettings()
	}
	d := dialog.NewCustom("You don't have to carry this alone", "Close", crisisContent(settings.Crisis), win)
	d.Resize(fyne.NewSize(560, 480))
	d.Show()
	return d
}
