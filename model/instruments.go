package model

import "fmt"

// Band is a named range of totals, as published for an instrument.
type Band struct {
	Min, Max int
	Name     string
}

// Instrument is a standard questionnaire: its published wording, answers, scoring
// range and bands. Adding an instrument is adding one of these.
type Instrument struct {
	ID    string // stable key stored with each response
	Name  string // short name, "PHQ-9"
	Title string // what it measures, in words
	// Plain is what it asks about in everyday words, for buttons beside the short
	// name: "mood" (see Label).
	Plain string
	// Instruction is the published instruction shown before the items, "" when the
	// stem (Period) is all the form says.
	Instruction string
	Period      string // the published stem, shown above each item
	// WeekInstruction and WeekStem are the published past-week version, "" when the
	// instrument has none (see Wording).
	WeekInstruction, WeekStem string
	// EventPrompt asks the person to name the stressful experience the items refer
	// to, "" when the instrument asks for none; the answer is kept as Response.Event.
	EventPrompt string
	Items       []string
	Answers     []string // labels for 0, 1, 2, ...
	Bands       []Band   // empty when the instrument has no official bands
	Note        string   // what a total means when there are no bands
	Optional    bool     // off until switched on in Settings
	// Extra is an unscored follow-up question, recorded but never added to the total.
	Extra *ExtraQuestion
	// CrisisItem is the index of the item whose answer above 0 must show the crisis
	// card at once, or -1.
	CrisisItem int
	// Deterioration is the rise in points, from the baseline or from the previous
	// score, that docs/clinical.md calls a deterioration worth telling the care team.
	Deterioration int
	// BaselineDays is how many days before the first session a score may be and
	// still serve as the baseline: the instrument's own look-back period.
	BaselineDays int
}

// ExtraQuestion is an unscored question asked after the items.
type ExtraQuestion struct {
	Text    string
	Answers []string
}

// Choice is one answer as the form shows it: the published value and its label.
type Choice struct {
	Value int
	Label string
}

// Text is the choice as a button shows it: "0  Not at all".
func (c Choice) Text() string { return fmt.Sprintf("%d  %s", c.Value, c.Label) }

// choices numbers labels from 0, as the published forms do.
func choices(labels []string) []Choice {
	out := make([]Choice, len(labels))
	for i, l := range labels {
		out[i] = Choice{Value: i, Label: l}
	}
	return out
}

// valueForKey is the value a number key chooses among n answers: the key's own digit,
// "0" to "9", so that the keys are the published values.
func valueForKey(key string, n int) (int, bool) {
	if len(key) != 1 || key[0] < '0' || key[0] > '9' {
		return 0, false
	}
	v := int(key[0] - '0')
	return v, v < n
}

// Choices are the item answers with their published values: 0-3 for the PHQ-9 and
// GAD-7, 0-4 for the PCL-5 (docs/clinical.md).
func (in *Instrument) Choices() []Choice { return choices(in.Answers) }

// ValueForKey is the item answer a key chooses: the digit keys are the published
// values ("0" is "Not at all"); ok is false for any other key or a value out of range.
// key is a key's name as the window's toolkit gives it ("0" ... "9").
func (in *Instrument) ValueForKey(key string) (value int, ok bool) {
	return valueForKey(key, len(in.Answers))
}

// Choices are the unscored question's answers, numbered from 0 like the items'.
func (q *ExtraQuestion) Choices() []Choice { return choices(q.Answers) }

// ValueForKey is the answer a digit key chooses, as Instrument.ValueForKey.
func (q *ExtraQuestion) ValueForKey(key string) (int, bool) { return valueForKey(key, len(q.Answers)) }

// Wording is what a questionnaire says before and above its items.
type Wording struct {
	// Instruction is shown once, before the first item ("" when there is none).
	Instruction string
	// Stem is shown above each item.
	Stem string
	// EventPrompt asks for the event the items refer to, "" when none is asked.
	EventPrompt string
	// PastWeek reports the past-week version; store it as Response.PastWeek.
	PastWeek bool
}

// Wording is the published wording to ask in: the past-week version when pastWeek and
// the instrument has one, the standard version otherwise. Settings.WordingFor
// chooses pastWeek from how often the instrument is due.
func (in *Instrument) Wording(pastWeek bool) Wording {
	if pastWeek && in.WeekStem != "" {
		return Wording{Instruction: in.WeekInstruction, Stem: in.WeekStem, EventPrompt: in.EventPrompt, PastWeek: true}
	}
	return Wording{Instruction: in.Instruction, Stem: in.Period, EventPrompt: in.EventPrompt}
}

// MaxTotal is the highest possible total.
func (in *Instrument) MaxTotal() int { return len(in.Items) * (len(in.Answers) - 1) }

// The instruments' published text is free to reproduce: PHQ-9 and GAD-7 were
// released by Pfizer without copyright restriction; the PCL-5 is in the public domain
// (US VA National Center for PTSD). See docs/clinical.md.
var (
	frequencyAnswers  = []string{"Not at all", "Several days", "More than half the days", "Nearly every day"}
	difficultyAnswers = []string{"Not difficult at all", "Somewhat difficult", "Very difficult", "Extremely difficult"}

	// PHQ9 is the Patient Health Questionnaire (Kroenke, Spitzer, Williams 2001).
	PHQ9 = &Instrument{
		ID:     "phq9",
		Name:   "PHQ-9",
		Title:  "Depression (PHQ-9)",
		Plain:  "mood",
		Period: "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
		Items: []string{
			"Little interest or pleasure in doing things",
			"Feeling down, depressed, or hopeless",
			"Trouble falling or staying asleep, or sleeping too much",
			"Feeling tired or having little energy",
			"Poor appetite or overeating",
			"Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
			"Trouble concentrating on things, such as reading the newspaper or watching television",
			"Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual",
			"Thoughts that you would be better off dead, or of hurting yourself in some way",
		},
		Answers: frequencyAnswers,
		Bands: []Band{
			{0, 4, "minimal"},
			{5, 9, "mild"},
			{10, 14, "moderate"},
			{15, 19, "moderately severe"},
			{20, 27, "severe"},
		},
		Extra: &ExtraQuestion{
			Text:    "If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?",
			Answers: difficultyAnswers,
		},
		CrisisItem: 8,
		// docs/clinical.md PHQ-9: "5 or more points above the baseline or above the
		// previous PHQ-9"; the baseline is from "the 14 days before the first session".
		Deterioration: 5,
		BaselineDays:  14,
	}

	// GAD7 is the Generalized Anxiety Disorder scale (Spitzer, Kroenke, Williams, Löwe 2006).
	GAD7 = &Instrument{
		ID:     "gad7",
		Name:   "GAD-7",
		Title:  "Anxiety (GAD-7)",
		Plain:  "anxiety",
		Period: "Over the last 2 weeks, how often have you been bothered by the following problems?",
		Items: []string{
			"Feeling nervous, anxious, or on edge",
			"Not being able to stop or control worrying",
			"Worrying too much about different things",
			"Trouble relaxing",
			"Being so restless that it is hard to sit still",
			"Becoming easily annoyed or irritable",
			"Feeling afraid as if something awful might happen",
		},
		Answers: frequencyAnswers,
		Bands: []Band{
			{0, 4, "minimal"},
			{5, 9, "mild"},
			{10, 14, "moderate"},
			{15, 21, "severe"},
		},
		// docs/clinical.md GAD-7: "the published form ends with an unscored difficulty
		// question": record it, never add it to the total.
		Extra: &ExtraQuestion{
			Text:    "If you checked off any problems, how difficult have these made it for you to do your work, take care of things at home, or get along with other people?",
			Answers: difficultyAnswers,
		},
		CrisisItem: -1,
		// docs/clinical.md PHQ-9, Deterioration: "GAD-7: 4 or more points"; like the
		// PHQ-9 it asks about the last 2 weeks.
		Deterioration: 4,
		BaselineDays:  14,
	}

	// PCL5 is the PTSD Checklist for DSM-5 (Weathers et al. 2013; VA National Center for
	// PTSD). The instructions are the VA's own for completing the form on screen
	// ("select one of the options", where the paper form says "circle one of the
	// numbers to the right"): the standard past-month version, and the past-week
	// version the VA publishes for weekly use (docs/clinical.md, PCL-5). The event
	// prompt is the VA's, from the PCL-5 with Criterion A.
	PCL5 = &Instrument{
		ID:    "pcl5",
		Name:  "PCL-5",
		Title: "PTSD symptoms (PCL-5)",
		Plain: "trauma symptoms",
		Instruction: "Below is a list of problems that people sometimes have in response to a very stressful experience. " +
			"Please read each problem carefully and then select one of the options to indicate how much you have been " +
			"bothered by that problem in the past month.",
		Period: "In the past month, how much were you bothered by:",
		WeekInstruction: "Below is a list of problems that people sometimes have in response to a very stressful experience. " +
			"Please read each problem and then select one of the options to indicate how much you have been bothered by " +
			"that problem in the past week. The options include not at all, a little bit, moderately, quite a bit, and extremely.",
		WeekStem:    "In the past week, how much were you bothered by:",
		EventPrompt: "Briefly identify the worst event (if you feel comfortable doing so):",
		Items: []string{
			"Repeated, disturbing, and unwanted memories of the stressful experience?",
			"Repeated, disturbing dreams of the stressful experience?",
			"Suddenly feeling or acting as if the stressful experience were actually happening again (as if you were actually back there reliving it)?",
			"Feeling very upset when something reminded you of the stressful experience?",
			"Having strong physical reactions when something reminded you of the stressful experience (for example, heart pounding, trouble breathing, sweating)?",
			"Avoiding memories, thoughts, or feelings related to the stressful experience?",
			"Avoiding external reminders of the stressful experience (for example, people, places, conversations, activities, objects, or situations)?",
			"Trouble remembering important parts of the stressful experience?",
			"Having strong negative beliefs about yourself, other people, or the world (for example, having thoughts such as: I am bad, there is something seriously wrong with me, no one can be trusted, the world is completely dangerous)?",
			"Blaming yourself or someone else for the stressful experience or what happened after it?",
			"Having strong negative feelings such as fear, horror, anger, guilt, or shame?",
			"Loss of interest in activities that you used to enjoy?",
			"Feeling distant or cut off from other people?",
			"Trouble experiencing positive feelings (for example, being unable to feel happiness or have loving feelings for people close to you)?",
			"Irritable behavior, angry outbursts, or acting aggressively?",
			"Taking too many risks or doing things that could cause you harm?",
			"Being “superalert” or watchful or on guard?",
			"Feeling jumpy or easily startled?",
			"Having difficulty concentrating?",
			"Trouble falling or staying asleep?",
		},
		Answers:    []string{"Not at all", "A little bit", "Moderately", "Quite a bit", "Extremely"},
		Note:       "The PCL-5 has no official severity bands. A total of 31-33 or more suggests probable PTSD; a change of 5-10 points is reliable change, 10-20 points clinically meaningful.",
		Optional:   true,
		CrisisItem: -1,
		// docs/clinical.md PHQ-9, Deterioration: "PCL-5: 10 or more points"; it asks
		// about the past month.
		Deterioration: 10,
		BaselineDays:  31,
	}

	// Instruments lists every instrument in the order Keel offers them.
	Instruments = []*Instrument{PHQ9, GAD7, PCL5}
)

// InstrumentByID returns the instrument with the given ID, or nil.
func InstrumentByID(id string) *Instrument {
	for _, in := range Instruments {
		if in.ID == id {
			return in
		}
	}
	return nil
}

// PCL5ProbableCutoff is the lower end of the 31-33 range above which a PCL-5 total
// suggests probable PTSD (docs/clinical.md, PCL-5).
const PCL5ProbableCutoff = 31

// Label is the short name with what it asks about, for a button: "PHQ-9 · mood".
func (in *Instrument) Label() string {
	if in.Plain == "" {
		return in.Name
	}
	return in.Name + " · " + in.Plain
}
