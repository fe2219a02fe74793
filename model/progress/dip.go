package progress

// The dip rule's parameters (see Dips). Mood is the 0-10 daily check-in scale.
const (
	// DipStretchWeeks is how many weeks in a row must have been better before a
	// lower week counts as a dip.
	DipStretchWeeks = 3
	// DipLookbackWeeks is how many weeks before the better stretch give the earlier
	// level it is compared with; at least DipMinLookback of them need a mood.
	DipLookbackWeeks = 4
	DipMinLookback   = 2
	// DipMargin is how many mood points count as "better" and as "lower".
	DipMargin = 1.0
	// DipSlopeWeeks is how many weeks may lie between the better stretch and the
	// first week that is DipMargin lower: a dip often slopes down over two weeks.
	DipSlopeWeeks = 1
)

// DipMessage is what Keel says beside a dip, in plain words (docs/product.md, "What
// the field notes say": a dip between sessions is common and is not failure).
const DipMessage = "A dip after some better weeks is common between sessions. " +
	"It is not a sign that the treatment has failed: settling in takes time, and " +
	"many people have ups and downs on the way. Keep checking in, and tell your care " +
	"team how you are doing, especially if the low feels heavy."

// Dip is a run of weeks whose average mood fell after a better stretch (see Dips).
type Dip struct {
	// From and To index the first and last week of the dip in the slice given to Dips.
	From, To    int
	First, Last Week
	// Before is the average mood of the better stretch just before the dip, and
	// Lowest the lowest weekly mood during it.
	Before, Lowest float64
}

// Dips finds the dips in weeks, which must be consecutive weeks in order, as Weekly
// returns them. It looks at the weekly average of daily mood, not at the PHQ-9:
// mood is recorded most days, so its weekly average is steadier than a single weekly
// questionnaire, and a dip in how the days feel is what the user notices.
//
// The rule: week i starts a dip when its mood average is at least DipMargin (1
// point) below the mean of an improving stretch that ends just before it, or
// DipSlopeWeeks (1) week earlier (the nearer such stretch is the dip's Before). An
// improving stretch is DipStretchWeeks (3) weeks in a row that each have a mood
// average at least DipMargin above the earlier level: the mean of the
// DipLookbackWeeks (4) weeks before the stretch, of which at least DipMinLookback
// (2) must have a mood.
//
// The dip goes on through the following weeks that are still at least DipMargin
// below the stretch's mean, and ends at the first week that is not, or has no mood.
// A week without a mood never starts or continues a dip.
func Dips(weeks []WeekSummary) []Dip {
	var out []Dip
	for i := DipLookbackWeeks + DipStretchWeeks; i < len(weeks); i++ {
		if !weeks[i].Mood.Valid() {
			continue
		}
		stretch, ok := 0.0, false
		for end := i; end >= i-DipSlopeWeeks && !ok; end-- {
			stretch, ok = dipStretch(weeks, end)
			ok = ok && weeks[i].Mood.Value <= stretch-DipMargin
		}
		if !ok {
			continue
		}
		d := Dip{From: i, To: i, Before: stretch, Lowest: weeks[i].Mood.Value}
		for j := i + 1; j < len(weeks) && weeks[j].Mood.Valid() && weeks[j].Mood.Value <= stretch-DipMargin; j++ {
			d.To = j
			d.Lowest = min(d.Lowest, weeks[j].Mood.Value)
		}
		d.First, d.Last = weeks[d.From].Week, weeks[d.To].Week
		out = append(out, d)
		i = d.To
	}
	return out
}

// dipStretch returns the mean mood of the improving stretch that ends just before
// week end, or false when there is none.
func dipStretch(weeks []WeekSummary, end int) (float64, bool) {
	start := end - DipStretchWeeks
	if start < DipLookbackWeeks {
		return 0, false
	}
	var earlier float64
	n := 0
	for _, w := range weeks[start-DipLookbackWeeks : start] {
		if w.Mood.Valid() {
			earlier += w.Mood.Value
			n++
		}
	}
	if n < DipMinLookback {
		return 0, false
	}
	earlier /= float64(n)
	var sum float64
	for _, w := range weeks[start:end] {
		if !w.Mood.Valid() || w.Mood.Value < earlier+DipMargin {
			return 0, false
		}
		sum += w.Mood.Value
	}
	return sum / DipStretchWeeks, true
}
