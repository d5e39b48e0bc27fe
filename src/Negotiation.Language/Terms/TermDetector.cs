using System.Text.RegularExpressions;

using Negotiation.Domain.Moves;

namespace Negotiation.Language.Terms;

/// <summary>Decides which term a piece of deal text is about from keyword and phrase rules, helped by the amounts in it.</summary>
public static partial class TermDetector
{
    // Order breaks ties: the more specific term first, price (which everything touches) last.
    private static readonly (Term Term, Func<Regex> Strong, Func<Regex>? Weak)[] Rules =
    [
        (Term.PaymentTerms, PaymentTermsStrong, null),
        (Term.ServiceLevel, ServiceLevelStrong, null),
        (Term.Resources, ResourcesStrong, null),
        (Term.Policy, PolicyStrong, PolicyWeak),
        (Term.Delivery, DeliveryStrong, null),
        (Term.Scope, ScopeStrong, null),
        (Term.ContractLength, ContractLengthStrong, null),
        (Term.Timeline, TimelineStrong, null),
        (Term.Price, PriceStrong, PriceWeak),
    ];

    /// <summary>The term <paramref name="text"/> is about, or <see cref="Term.Other"/> when no rule matches.</summary>
    public static Term Detect(string text) => Detect(text, []);

    /// <summary>The term <paramref name="text"/> is about, using its <paramref name="amounts"/> as extra evidence.</summary>
    public static Term Detect(string text, IReadOnlyList<Amount> amounts)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        if (string.IsNullOrWhiteSpace(text))
        {
            return Term.Other;
        }

        if (text.Length > AmountParser.MaxLength * 40)
        {
            text = text[..(AmountParser.MaxLength * 40)];
        }

        var scores = new Dictionary<Term, double>();
        try
        {
            foreach (var (term, strong, weak) in Rules)
            {
                var score = (2.0 * strong().Count(text)) + (weak is null ? 0 : weak().Count(text));
                if (score > 0)
                {
                    scores[term] = score;
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return Term.Other;
        }

        foreach (var amount in amounts)
        {
            var (term, weight) = Evidence(amount);
            if (term != Term.Other)
            {
                scores[term] = scores.GetValueOrDefault(term) + weight;
            }
        }

        var best = Term.Other;
        var bestScore = 0.0;
        foreach (var (term, _, _) in Rules)
        {
            if (scores.TryGetValue(term, out var score) && score > bestScore)
            {
                best = term;
                bestScore = score;
            }
        }

        return best;
    }

    private static (Term Term, double Weight) Evidence(Amount amount) => amount.Kind switch
    {
        AmountKind.Money => (Term.Price, 1.5),
        AmountKind.Percent => (Term.Price, 1.0),
        AmountKind.Duration when amount.Unit is "months" or "years" => (Term.ContractLength, 1.0),
        AmountKind.Duration when amount.Unit is "hours" => (Term.ServiceLevel, 1.0),
        AmountKind.Date => (Term.Timeline, 1.0),
        AmountKind.Count when amount.Unit is "engineers" or "ftes" or "consultants" or "developers" or "contractors" or "analysts" or "trainers" or "people" or "heads" => (Term.Resources, 1.0),
        AmountKind.Count => (Term.Price, 0.5),
        _ => (Term.Other, 0),
    };

    [GeneratedRegex(@"\bnet[\s-]?\d{1,3}\b|\bpayment terms?\b|\bpay(?:ment)? (?:schedule|terms?|cycle)\b|\binvoic\w*|\bbilling\b|\bup-?front\b|\bup front\b|\bprepay\w*|\bin arrears\b|\bpayments?\b|\bpay (?:quarterly|monthly|annually|yearly|in installments)\b|\binstal?lments?\b|\bdays to pay\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex PaymentTermsStrong();

    [GeneratedRegex(@"\bslas?\b|\buptime\b|\bsupport\b|\bresponse times?\b|\b24/7\b|\bavailability\b|\bservice levels?\b|\bservice credits?\b|\b99(?:\.\d+)?\s?%|\bresolution times?\b|\bescalation\w*|\bp1\b|\bsev ?1\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex ServiceLevelStrong();

    [GeneratedRegex(@"\bengineers?\b|\bftes?\b|\bheadcount\b|\bconsultants?\b|\bresourc\w*|\bstaff\w*|\bcsms?\b|\btams?\b|\bsolutions? architects?\b|\bdevelopers?\b|\bdevs\b|\bon-?site\b|\bdedicated (?:team|person|engineer|manager)\b|\bcontractors?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex ResourcesStrong();

    [GeneratedRegex(@"\bexceptions?\b|\bpolic(?:y|ies)\b|\bliability\b|\bindemn\w*|\bmfn\b|\bmost favou?red\b|\bexclusivity\b|\btermination for convenience\b|\bclauses?\b|\bwarrant(?:y|ies)\b|\bdata residency\b|\bsecurity review\b|\bredlines?\b|\bnda\b|\bt&cs?\b|\bmsa\b|\bdpa\b|\bgoverning law\b|\baudit rights?\b|\bnon-?standard\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex PolicyStrong();

    [GeneratedRegex(@"\bwaiv\w*|\blegal\b|\bterms and conditions\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex PolicyWeak();

    [GeneratedRegex(@"\bship\w*|\bdeliver\w*|\blead[- ]times?\b|\bdispatch\w*|\bfreight\b|\bin stock\b|\bfulfil\w*|\brollout\b|\bhardware\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex DeliveryStrong();

    [GeneratedRegex(@"\bscope\b|\bfeatures?\b|\bmodules?\b|\bonboarding\b|\btraining\b|\bimplementation\b|\bintegrations?\b|\badd-?ons?\b|\bprofessional services\b|\bcustomi[sz]\w*|\bset-?up\b(?! fees?)|\bmigration\b|\bworkshops?\b|\bapi access\b|\bpremium tier\b|\bsandbox\w*|\bcustom\b|\benterprise (?:tier|plan|edition)\b|\bpilot\b|\bproof of concept\b|\bpoc\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex ScopeStrong();

    [GeneratedRegex(@"\bcontract (?:length|term|duration)\b|\bmulti-?year\b|\brenew\w*|\b(?:\d{1,2}|one|two|three|four|five)[\s-]years?\b(?! ago)|(?<!payment )\bterm\b|\b\d{1,2}[\s-]months?\b(?! ago)|\bannual (?:contract|commitment|deal)\b|\bauto-?renew\w*|\byear deal\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex ContractLengthStrong();

    [GeneratedRegex(@"\btimelines?\b|\bgo-?live\b|\bgo live\b|\blaunch\w*|\bdeadline\b|\bby (?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\bby (?:eoq|eom|eoy|eow|end of|the end of|tomorrow|tonight|next week|this week|month end|quarter end|year end)\b|\bend of (?:the )?(?:quarter|month|year|week|q[1-4])\b|\bsign(?:ed|s|ing)? by\b|\bclose by\b|\bkick-?off\b|\bstart date\b|\bschedule\b|\bby (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*|\bthis (?:week|quarter|month)\b|\bsigning date\b|\bcutover\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex TimelineStrong();

    [GeneratedRegex(@"\bprices?\b|\bpricing\b|\bdiscount\w*|\bfees?\b|\brates?\b|\blist\b|\bcosts?\b|\bper (?:seat|user|licen[cs]e|month|year)\b|\bcredits?\b|\brebates?\b|\bcheaper\b|\bquote\b|\bmargin\b|\bacv\b|\barr\b|\btcv\b|\bbudget\b|\bprice ?point\b|\bsubscription\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex PriceStrong();

    [GeneratedRegex(@"\boff\b|\bfree\b|\bseats?\b|\blicen[cs]es?\b|\bcharge\b|\$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex PriceWeak();
}
