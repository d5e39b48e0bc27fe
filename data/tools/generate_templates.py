#!/usr/bin/env python3
"""Generate the templated part of the deal-channel data set.

Deterministic: one random.Random(20261127) drives every choice, so two runs
write identical bytes. Standard library only.

    python3 data/tools/generate_templates.py            # writes data/sources/templated.jsonl
    python3 data/tools/generate_templates.py OUT.jsonl  # or to OUT.jsonl

Messages are composed from slot pools (subjects, verb forms, objects per term,
amounts in many formats, openers/closers, casing noise, trailing logistics).
Labels follow data/LABELS.md; x is our give phrase, y their get
phrase, both verbatim substrings of text.
"""
import json
import os
import re
import sys
import random

SEED = 20261127
TOTAL = 1400
QUOTA = {"give": 378, "other": 490, "proposal": 168, "get": 182, "trade": 182}
CHATTER = 85  # of the "other" rows, pure logistics/chatter with term "other"
TERMS = ["price", "payment_terms", "delivery", "scope", "service_level",
         "contract_length", "timeline", "resources", "policy"]

R = random.Random(SEED)


def pick(seq):
    return R.choice(seq)


def chance(p):
    return R.random() < p


# ---------------------------------------------------------------- amounts
ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def words(n):
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else "-" + ONES[n % 10])
    h, rest = divmod(n, 100)
    return ONES[h] + " hundred" + ("" if rest == 0 else " and " + words(rest))


def money():
    """A deal-sized amount in one of many written forms."""
    if chance(0.18):  # millions
        m = pick([1.1, 1.2, 1.25, 1.4, 1.5, 1.8, 2.1, 2.4, 3.2])
        s = ("%g" % m)
        return pick(["$%sM" % s, "%s million dollars" % s, "$%s million" % s,
                     "€%sM" % s, "USD %s million" % s])
    k = pick([18, 24, 35, 40, 48, 62, 75, 88, 92, 96, 110, 125, 140, 180, 215, 240,
              310, 365, 420, 450, 480, 515, 640, 780, 860])
    f = R.randrange(9)
    if f == 0:
        return "$%dk" % k
    if f == 1:
        return "$%dK" % k
    if f == 2:
        return "{:,} USD".format(k * 1000)
    if f == 3:
        return "USD %d" % (k * 1000)
    if f == 4:
        return "$" + "{:,}".format(k * 1000)
    if f == 5 and k < 100:
        return words(k) + " grand"
    if f == 5:
        return "%d grand" % k
    if f == 6:
        return "€%dk" % k
    if f == 7:
        return "£" + "{:,}".format(k * 1000)
    return "%dk" % k


def small_money():
    v = pick([500, 750, 1200, 1500, 2500, 3000, 4500, 6000, 8000, 12000])
    return pick(["$" + "{:,}".format(v), "£" + "{:,}".format(v), "€" + "{:,}".format(v),
                 "%s USD" % "{:,}".format(v),
                 "$%gk" % (v / 1000.0) if v >= 1000 else "$%d" % v])


def seat_price():
    v = pick([9, 12, 15, 18, 22, 28, 35, 38, 40, 45, 55, 60])
    return pick(["$%d/seat" % v, "€%d/seat" % v, "%d EUR per seat" % v, "$%d per user" % v,
                 "£%d/user/month" % v, "$%d a seat" % v])


def pct():
    v = pick([2, 2.5, 3, 4, 5, 6, 7, 7.5, 8, 10, 11, 12, 12.5, 15, 18, 20])
    s = "%g" % v
    forms = ["%s%%" % s, "%s%%" % s, "%s pct" % s, "%s percent" % s]
    if v == int(v):
        forms.append("%s percent" % words(int(v)))
    return pick(forms)


def net():
    d = pick([45, 60, 60, 75, 90])
    return pick(["net-%d" % d, "net %d" % d, "Net %d" % d, "net%d" % d])


def period():
    return pick(["30 days", "60 days", "45 days", "two weeks", "6 wks", "3 weeks", "a month",
                 "four weeks", "90 days", "10 business days"])


def months():
    return pick(["36 months", "24 months", "18 months", "12 months", "6 months", "30 months"])


def term_len():
    return pick(["3-year", "2-year", "two-year", "three-year", "36-month", "24-month",
                 "18-month", "5-year", "multi-year"])


def years():
    return pick(["two years", "3 years", "12 months", "24 months", "a year", "18 months"])


def when():
    return pick(["Friday", "end of Q1", "EOM", "March 31", "3/31", "next Tuesday",
                 "end of the month", "Dec 15", "12/15", "end of Q4", "the 15th", "Jan 10",
                 "end of next week", "Monday", "1/31", "mid-February"])


def by_when():
    return "by " + when()


def seats():
    n = pick([5, 10, 10, 15, 20, 25, 40, 50, 100])
    return pick(["%d seats" % n, "%d licenses" % n, "%d user seats" % n,
                 "%s seats" % words(n)])


def units():
    return pick(["500 units", "1,200 units", "3 trucks", "2 pallets", "800 units",
                 "4 containers", "250 units", "two truckloads"])


def ftes():
    return pick(["2 FTEs", "one FTE", "3 engineers", "two consultants", "a full-time PM",
                 "1.5 FTEs", "4 people"])


def hours():
    return pick(["4", "8", "2", "1", "24", "12"])


def sla():
    return pick(["99.9%", "99.95%", "99.99%", "99.9 percent"])


FILL = {"money": money, "small": small_money, "seat": seat_price, "pct": pct, "net": net,
        "period": period, "months": months, "len": term_len, "years": years, "when": when,
        "by": by_when, "seats": seats, "units": units, "ftes": ftes, "hours": hours,
        "sla": sla}

AN_RE = re.compile(r"\b([Aa]) (?=8|11(?!\d)|18(?!\d)|eight|eleven|eighteen|MFN|SLA\b|NDA|FTE|ERP|API|SSO|MSA|RFP|hour\b)")


def fix_articles(s):
    return AN_RE.sub(lambda m: m.group(1) + "n ", s)


def fill(templates):
    """Fill every {slot} of a tuple of templates with the SAME amounts."""
    vals = {}

    def one(t):
        def rep(m):
            k = m.group(1)
            if k not in vals:
                vals[k] = FILL[k]()
            return vals[k]
        return fix_articles(re.sub(r"\{(\w+)\}", rep, t))
    return tuple(one(t) for t in templates)


# ---------------------------------------------------------------- phrase pools
# Our gives per term: (base, past, -ing, noun phrase).
GIVES = {
    "price": [
        ("drop to {money}", "dropped to {money}", "dropping to {money}", "a price of {money}"),
        ("take {pct} off list", "took {pct} off list", "taking {pct} off list", "{pct} off list"),
        ("give them {pct} off", "gave them {pct} off", "giving them {pct} off", "{pct} off"),
        ("go down to {seat}", "went down to {seat}", "going down to {seat}", "{seat}"),
        ("knock {small} off the quote", "knocked {small} off the quote", "knocking {small} off the quote", "{small} off the quote"),
        ("waive this year's price increase", "waived this year's price increase", "waiving this year's price increase", "no price increase this year"),
        ("lock current pricing for {years}", "locked current pricing for {years}", "locking current pricing for {years}", "a price lock for {years}"),
        ("match their {money} budget", "matched their {money} budget", "matching their {money} budget", "a quote that matches their {money} budget"),
        ("cut the renewal by {pct}", "cut the renewal by {pct}", "cutting the renewal by {pct}", "{pct} off the renewal"),
        ("discount the add-ons to {seat}", "discounted the add-ons to {seat}", "discounting the add-ons to {seat}", "add-ons at {seat}"),
    ],
    "payment_terms": [
        ("give them {net}", "gave them {net}", "giving them {net}", "{net}"),
        ("extend payment terms to {net}", "extended payment terms to {net}", "extending payment terms to {net}", "payment terms of {net}"),
        ("agree to quarterly billing", "agreed to quarterly billing", "agreeing to quarterly billing", "quarterly billing"),
        ("let them pay in three installments", "let them pay in three installments", "letting them pay in three installments", "a three-installment plan"),
        ("drop the upfront deposit", "dropped the upfront deposit", "dropping the upfront deposit", "no upfront deposit"),
        ("switch them to billing in arrears", "switched them to billing in arrears", "switching them to billing in arrears", "billing in arrears"),
        ("defer the first invoice to {when}", "deferred the first invoice to {when}", "deferring the first invoice to {when}", "the first invoice pushed to {when}"),
        ("waive late payment fees", "waived late payment fees", "waiving late payment fees", "no late payment fees"),
        ("move them to monthly billing", "moved them to monthly billing", "moving them to monthly billing", "monthly billing"),
    ],
    "delivery": [
        ("cover freight", "covered freight", "covering freight", "free freight"),
        ("commit to delivery {by}", "committed to delivery {by}", "committing to delivery {by}", "delivery {by}"),
        ("expedite the first {units}", "expedited the first {units}", "expediting the first {units}", "expedited shipping on the first {units}"),
        ("split the order into three shipments", "split the order into three shipments", "splitting the order into three shipments", "split shipments"),
        ("ship to all their sites at no extra cost", "shipped to all their sites at no extra cost", "shipping to all their sites at no extra cost", "free shipping to all their sites"),
        ("upgrade them to 2-day shipping", "upgraded them to 2-day shipping", "upgrading them to 2-day shipping", "free 2-day shipping"),
        ("hold {units} in our warehouse for them", "held {units} in our warehouse for them", "holding {units} in our warehouse for them", "{units} held in our warehouse"),
        ("absorb the {small} rush fee", "absorbed the {small} rush fee", "absorbing the {small} rush fee", "no rush fee"),
        ("cut lead time to {period}", "cut lead time to {period}", "cutting lead time to {period}", "a lead time of {period}"),
    ],
    "scope": [
        ("throw in onboarding for free", "threw in onboarding for free", "throwing in onboarding for free", "free onboarding"),
        ("add {seats} at no cost", "added {seats} at no cost", "adding {seats} at no cost", "{seats} for free"),
        ("include the analytics module", "included the analytics module", "including the analytics module", "the analytics module"),
        ("add SSO to the base package", "added SSO to the base package", "adding SSO to the base package", "SSO in the base package"),
        ("build the custom ERP connector", "built the custom ERP connector", "building the custom ERP connector", "a custom ERP connector"),
        ("extend the pilot by {period}", "extended the pilot by {period}", "extending the pilot by {period}", "a pilot extension of {period}"),
        ("throw in 20 hours of training", "threw in 20 hours of training", "throwing in 20 hours of training", "20 free hours of training"),
        ("include API access", "included API access", "including API access", "API access"),
        ("add the sandbox environment for free", "added the sandbox environment for free", "adding the sandbox environment for free", "a free sandbox environment"),
    ],
    "service_level": [
        ("give them the {sla} SLA", "gave them the {sla} SLA", "giving them the {sla} SLA", "the {sla} SLA"),
        ("commit to a {hours}-hour response time", "committed to a {hours}-hour response time", "committing to a {hours}-hour response time", "a {hours}-hour response time"),
        ("add service credits of {pct}", "added service credits of {pct}", "adding service credits of {pct}", "service credits of {pct}"),
        ("upgrade them to premium support", "upgraded them to premium support", "upgrading them to premium support", "premium support"),
        ("offer 24/7 phone support", "offered 24/7 phone support", "offering 24/7 phone support", "24/7 phone support"),
        ("extend the warranty to {months}", "extended the warranty to {months}", "extending the warranty to {months}", "a warranty of {months}"),
        ("guarantee a {hours}-hour fix for sev-1 issues", "guaranteed a {hours}-hour fix for sev-1 issues", "guaranteeing a {hours}-hour fix for sev-1 issues", "a {hours}-hour sev-1 fix guarantee"),
        ("raise the uptime commitment to {sla}", "raised the uptime commitment to {sla}", "raising the uptime commitment to {sla}", "an uptime commitment of {sla}"),
    ],
    "contract_length": [
        ("agree to a 1-year term", "agreed to a 1-year term", "agreeing to a 1-year term", "a 1-year term"),
        ("shorten the term to {months}", "shortened the term to {months}", "shortening the term to {months}", "a term of {months}"),
        ("add a 90-day out clause", "added a 90-day out clause", "adding a 90-day out clause", "a 90-day out clause"),
        ("drop auto-renew", "dropped auto-renew", "dropping auto-renew", "no auto-renew"),
        ("let them exit after {months}", "let them exit after {months}", "letting them exit after {months}", "an exit option after {months}"),
        ("give them termination for convenience", "gave them termination for convenience", "giving them termination for convenience", "termination for convenience"),
        ("extend the current contract by {months} at the old rate", "extended the current contract by {months} at the old rate", "extending the current contract by {months} at the old rate", "{months} more at the old rate"),
        ("make the second year optional", "made the second year optional", "making the second year optional", "an optional second year"),
    ],
    "timeline": [
        ("push the go-live to {when}", "pushed the go-live to {when}", "pushing the go-live to {when}", "a go-live of {when}"),
        ("give them until {when} to sign", "gave them until {when} to sign", "giving them until {when} to sign", "an extension to {when} to sign"),
        ("extend the quote expiry to {when}", "extended the quote expiry to {when}", "extending the quote expiry to {when}", "a quote valid until {when}"),
        ("move the kickoff up to {when}", "moved the kickoff up to {when}", "moving the kickoff up to {when}", "a kickoff on {when}"),
        ("commit to finishing phase 1 {by}", "committed to finishing phase 1 {by}", "committing to finishing phase 1 {by}", "phase 1 done {by}"),
        ("keep the offer open until {when}", "kept the offer open until {when}", "keeping the offer open until {when}", "an offer valid until {when}"),
        ("extend the pilot deadline by {period}", "extended the pilot deadline by {period}", "extending the pilot deadline by {period}", "another {period} on the pilot deadline"),
    ],
    "resources": [
        ("assign them a dedicated CSM", "assigned them a dedicated CSM", "assigning them a dedicated CSM", "a dedicated CSM"),
        ("put {ftes} on the rollout", "put {ftes} on the rollout", "putting {ftes} on the rollout", "{ftes} on the rollout"),
        ("send an engineer onsite for {period}", "sent an engineer onsite for {period}", "sending an engineer onsite for {period}", "an onsite engineer for {period}"),
        ("staff two trainers for launch week", "staffed two trainers for launch week", "staffing two trainers for launch week", "two trainers for launch week"),
        ("give them a named solutions architect", "gave them a named solutions architect", "giving them a named solutions architect", "a named solutions architect"),
        ("cover travel for the implementation team", "covered travel for the implementation team", "covering travel for the implementation team", "travel for the implementation team on us"),
        ("lend them {ftes} for the data migration", "lent them {ftes} for the data migration", "lending them {ftes} for the data migration", "{ftes} for the data migration"),
        ("run the admin training for them", "ran the admin training for them", "running the admin training for them", "admin training run by us"),
    ],
    "policy": [
        ("waive the setup fee", "waived the setup fee", "waiving the setup fee", "no setup fee"),
        ("raise the liability cap to {money}", "raised the liability cap to {money}", "raising the liability cap to {money}", "a {money} liability cap"),
        ("accept their redline on indemnity", "accepted their redline on indemnity", "accepting their redline on indemnity", "their indemnity redline"),
        ("agree to their data residency terms", "agreed to their data residency terms", "agreeing to their data residency terms", "their data residency terms"),
        ("drop the non-solicit clause", "dropped the non-solicit clause", "dropping the non-solicit clause", "no non-solicit clause"),
        ("accept an MFN clause", "accepted an MFN clause", "accepting an MFN clause", "an MFN clause"),
        ("waive the cancellation fee", "waived the cancellation fee", "waiving the cancellation fee", "no cancellation fee"),
        ("cap annual increases at {pct}", "capped annual increases at {pct}", "capping annual increases at {pct}", "a cap of {pct} on annual increases"),
        ("relax the overage policy to {pct} above commit", "relaxed the overage policy to {pct} above commit", "relaxing the overage policy to {pct} above commit", "overage only above {pct} over commit"),
    ],
}

# Their gets (what we wanted) per term: (base, past, noun phrase).
GETS = {
    "price": [
        ("come up to {money}", "came up to {money}", "{money}"),
        ("accept our {money} quote", "accepted our {money} quote", "our {money} quote"),
        ("pay list price", "agreed to pay list price", "full list price"),
        ("drop their discount ask to {pct}", "dropped their discount ask to {pct}", "a discount of only {pct}"),
        ("take the {pct} uplift", "took the {pct} uplift", "the {pct} uplift"),
        ("commit to a {money} minimum spend", "committed to a {money} minimum spend", "a {money} minimum spend"),
    ],
    "payment_terms": [
        ("pay upfront", "agreed to pay upfront", "upfront payment"),
        ("accept net 30", "accepted net 30", "net 30"),
        ("pay annually in advance", "agreed to pay annually in advance", "annual prepay"),
        ("put down a {pct} deposit", "put down a {pct} deposit", "a {pct} deposit"),
        ("switch to ACH", "switched to ACH", "ACH payments"),
        ("drop their {net} ask", "dropped their {net} ask", "standard net 30 instead of {net}"),
    ],
    "delivery": [
        ("cover freight", "agreed to cover freight", "freight on their dime"),
        ("pick up from our dock", "agreed to pick up from our dock", "pickup from our dock"),
        ("accept delivery in {period}", "accepted delivery in {period}", "delivery in {period}"),
        ("take partial shipments", "agreed to partial shipments", "partial shipments"),
        ("handle customs themselves", "took on customs clearance", "customs handled on their side"),
        ("accept a ship date of {when}", "accepted a ship date of {when}", "a ship date of {when}"),
    ],
    "scope": [
        ("drop the custom reporting ask", "dropped the custom reporting ask", "no custom reporting"),
        ("take the standard package", "took the standard package", "the standard package"),
        ("add {seats}", "added {seats}", "another {seats}"),
        ("buy the analytics add-on", "signed up for the analytics add-on", "the analytics add-on"),
        ("expand to their two other sites", "expanded to their two other sites", "an expansion to their two other sites"),
        ("cut the integration work from scope", "cut the integration work from scope", "a smaller integration scope"),
    ],
    "service_level": [
        ("accept the standard 99.5% SLA", "accepted the standard 99.5% SLA", "the standard 99.5% SLA"),
        ("drop the service credits ask", "dropped the service credits ask", "no service credits"),
        ("accept next-business-day response", "accepted next-business-day response", "next-business-day response"),
        ("pay for premium support", "agreed to pay for premium support", "paid premium support"),
        ("accept {hours}-hour response times", "accepted {hours}-hour response times", "{hours}-hour response times"),
        ("go with email-only support", "went with email-only support", "email-only support"),
    ],
    "contract_length": [
        ("sign a {len} term", "agreed to a {len} term", "a {len} term"),
        ("accept auto-renew", "accepted auto-renew", "auto-renew"),
        ("commit to {months}", "committed to {months}", "a commitment of {months}"),
        ("drop the termination for convenience ask", "dropped the termination for convenience ask", "no termination for convenience"),
        ("renew early for {years}", "renewed early for {years}", "an early renewal for {years}"),
    ],
    "timeline": [
        ("sign {by}", "agreed to sign {by}", "a signature {by}"),
        ("close {by}", "committed to closing {by}", "a close {by}"),
        ("kick off {by}", "agreed to kick off {by}", "a kickoff {by}"),
        ("move their go-live up to {when}", "moved their go-live up to {when}", "an earlier go-live on {when}"),
        ("get the PO out {by}", "promised the PO {by}", "the PO {by}"),
        ("finish legal review {by}", "committed to finishing legal review {by}", "legal review done {by}"),
    ],
    "resources": [
        ("provide {ftes} for the rollout", "agreed to provide {ftes} for the rollout", "{ftes} from their side for the rollout"),
        ("staff their own admin", "agreed to staff their own admin", "them staffing their own admin"),
        ("give us a dedicated project lead", "assigned us a dedicated project lead", "a dedicated project lead on their side"),
        ("handle tier-1 support internally", "took over tier-1 support", "tier-1 support on their side"),
        ("cover travel for our onsite team", "agreed to cover travel for our onsite team", "travel covered for our onsite team"),
        ("run the end-user training themselves", "took on the end-user training", "end-user training run by them"),
    ],
    "policy": [
        ("accept our standard liability cap", "accepted our standard liability cap", "our standard liability cap"),
        ("drop the MFN clause", "dropped the MFN clause", "no MFN clause"),
        ("serve as a reference customer", "agreed to be a reference customer", "a reference call"),
        ("do a case study", "agreed to do a case study", "a case study"),
        ("waive their vendor security audit", "waived their vendor security audit", "skipping their vendor security audit"),
        ("sign on our paper", "agreed to sign on our paper", "signing on our paper"),
        ("drop the audit rights ask", "dropped the audit rights ask", "no audit rights"),
    ],
}

TERM_NOUN = {
    "price": ["price", "pricing", "the per-seat price", "the discount"],
    "payment_terms": ["payment terms", "net terms", "billing"],
    "delivery": ["delivery", "freight", "ship dates", "lead times"],
    "scope": ["scope", "the package", "seat count", "the add-ons"],
    "service_level": ["the SLA", "support tiers", "response times", "uptime"],
    "contract_length": ["term length", "the term", "auto-renew", "contract length"],
    "timeline": ["the timeline", "go-live", "the close date", "the signing date"],
    "resources": ["staffing", "the CSM", "onsite support", "implementation resources"],
    "policy": ["the liability cap", "the setup fee", "indemnity", "the MSA terms"],
}

# Internal facts / plans that are not gives, per term.
FACTS = {
    "price": ["our walkaway is {money}", "list price is {seat}", "cost to serve is about {money}",
              "floor from finance is {money}", "anything under {money} needs VP approval",
              "last year they paid {seat}", "margin goes negative below {money}"],
    "payment_terms": ["our standard terms are net 30", "finance caps us at {net} without CFO sign-off",
                      "their last three invoices were paid {period} late", "DSO target this quarter is 45 days",
                      "the policy max is {net}"],
    "delivery": ["lead time from the plant is {period}", "freight on this lane runs about {small}",
                 "the warehouse has {units} on hand", "standard delivery is {period}",
                 "carrier quoted {small} for the rush"],
    "scope": ["the analytics module lists at {money}", "their current contract covers {seats}",
              "SSO is normally a paid add-on", "onboarding usually bills at {small}",
              "the custom connector would take engineering {period}"],
    "service_level": ["our standard SLA is 99.5%", "we hit 99.97% uptime last quarter",
                      "premium support lists at {small} a year", "standard response time is {hours} hours",
                      "service credits normally cap at {pct}"],
    "contract_length": ["their current contract ends {when}", "standard term is 12 months",
                        "renewal date is {when}", "finance books multi-year at a {pct} premium",
                        "most accounts their size sign {len} deals"],
    "timeline": ["our quarter closes {when}", "legal needs {period} for redlines",
                 "their board meets {when}", "the quote expires {when}",
                 "implementation normally takes {period}"],
    "resources": ["we only have {ftes} free next quarter", "an onsite day costs us about {small}",
                  "the CSM team is at capacity until {when}", "solutions architects are booked through {when}"],
    "policy": ["our liability cap is normally 12 months of fees", "legal's fallback on indemnity is mutual",
               "the setup fee is {small} on list", "MFN clauses need GC approval",
               "standard cancellation fee is {pct} of remaining fees"],
}

FACT_QUESTIONS = [
    "what's our floor on {noun}?", "do we know what they pay today for {noun}?",
    "what did we quote them on {noun} last time?", "who approved {noun} on the last renewal?",
    "is there a policy on {noun} for deals this size?", "can someone remind me where we landed on {noun}?",
    "what does their current contract say on {noun}?", "is {money} before or after the discount?",
    "did finance ever publish the guardrails for {noun}?",
]

# ---------------------------------------------------------------- subjects
OUR = [("we", "pl"), ("we", "pl"), ("we", "pl"), ("I", "i"), ("our team", "sg"),
       ("Priya", "sg"), ("Marcus", "sg"), ("Dana", "sg"), ("Tomás", "sg"), ("Aiko", "sg")]
OUR_NAMES = ["Priya", "Marcus", "Dana", "Tomás", "Aiko"]
COMPANIES = ["Northwind Health", "Bluefin Logistics", "Kestrel Foods", "Orbital Parts",
             "Halcyon Clinics", "Vantage Legal", "Larchmont Dental", "Pinecrest Robotics",
             "Tidewater Freight", "Copperleaf Energy", "Meridian Schools", "Brightwell Insurance"]
THEIR_GENERIC = [("they", "pl"), ("they", "pl"), ("they", "pl"), ("the client", "sg"),
                 ("their procurement", "sg"), ("their CFO", "sg"), ("the buyer", "sg")]


def our_subj():
    return pick(OUR)


def their_subj():
    if chance(0.4):
        return (pick(COMPANIES), "sg")
    return pick(THEIR_GENERIC)


def them():
    return pick(["them", "them", "them", pick(COMPANIES), "their procurement", "their CFO",
                 "the client"])


def be(s):
    return {"pl": "are", "i": "am", "sg": "is"}[s[1]]


def prog(s):
    """'we're' / 'I'm' / 'Priya is'."""
    if s[0] == "we":
        return pick(["we're", "we are"])
    if s[0] == "I":
        return "I'm"
    return s[0] + " is"


def have(s):
    if s[0] == "we":
        return pick(["we've", "we have"])
    if s[0] == "I":
        return "I've"
    if s[0] == "they":
        return "they've"
    return s[0] + (" have" if s[1] == "pl" else " has")


IRREGULAR = {"threw": "thrown", "went": "gone", "took": "taken", "gave": "given", "ran": "run"}


def participle(past):
    first, _, rest = past.partition(" ")
    return IRREGULAR.get(first, first) + (" " + rest if rest else "")


def v3(s, sg, pl):
    return s[0] + " " + (sg if s[1] == "sg" else pl)


# ---------------------------------------------------------------- noise
OPENERS_ANY = ["fyi ", "FYI - ", "heads up: ", "ok ", "ok so ", "update: ", "quick update — ",
               "<@U024BE7LH> ", "<@U07QX2M9K> ", "@dana ", "@marcus ", "@Coach ", "so ", "alright, ",
               "re the renewal: ", "tbh ", "btw ", "just fyi, "]
OPENERS_BAD = ["ugh, ", "ugh ", "sigh. ", "not great: "]
OPENERS_GOOD = ["good news: ", "nice — ", "finally! ", "win: "]
CLOSERS_STMT = [" lmk", " 👍", " 🎉", " fyi", " — updating the CRM", " cc <@U024BE7LH>", " 🙌",
                " (per the call)", " ✅", " fwiw", ", will log it in the deal notes"]
CLOSERS_Q = [" lmk", " 🤔", " cc <@U024BE7LH>", " @Coach", " thoughts?", " pls weigh in"]
TRAILERS = [
    "Call with their CFO moved to 3pm.", "I'll update the deal notes tonight.",
    "Marcus, can you send the redlines?", "Next sync is Thursday at 10.",
    "Deck is in the shared drive.", "I'm out tomorrow afternoon, Dana has it.",
    "Their legal still has the MSA.", "Will post the recap in the thread.",
    "Can someone book a room for Tuesday?", "Forecast call is at 4.",
    "pls don't forward the pricing sheet externally.", "Notes are in the deal doc.",
    "Aiko is setting up the follow-up w/ their IT team.", "Running 10 min late to standup.",
    "Reminder: QBR prep is due Friday.", "Thanks all for jumping on so fast.",
    "I'll loop in legal once the draft is back.", "Priya owns the next follow-up.",
]


def decorate(core, label, kind):
    """Add opener/closer/trailer noise around a core sentence.

    kind: 'stmt' or 'q'. Returns the full text.
    """
    lower = chance(0.25)
    if lower:
        core = core.lower()
    opener = ""
    r = R.random()
    if r < 0.35:
        if label in ("get",) and chance(0.35):
            opener = pick(OPENERS_GOOD)
        elif label == "other" and kind != "chat" and chance(0.2):
            opener = pick(OPENERS_BAD)
        else:
            opener = pick(OPENERS_ANY)
    if opener:
        if lower:
            opener = opener if opener.startswith("<@") else opener.lower()
        text = opener + core
    else:
        text = core if lower else core[:1].upper() + core[1:]
    if kind == "chat":
        kind = "q" if core.endswith("?") else "stmt"
    if kind == "q":
        if chance(0.25):
            closer = pick(CLOSERS_Q if label == "proposal" else CLOSERS_Q[:-2])
            if closer.strip().lower() != opener.strip(" ,-:—").lower():
                text += closer
    else:
        if chance(0.15):
            closer = pick(CLOSERS_STMT)
            if closer.strip().lower() != opener.strip(" ,-:—").lower():
                text += closer
        elif text[-1:].isalnum() or text.endswith(")"):
            text += pick(["", "", ".", ".", "!"]) if label in ("give", "get", "trade") else pick(["", "."])
    if chance(0.16):
        n = 1 if chance(0.6) else 2
        extra = R.sample(TRAILERS, n)
        if lower:
            extra = [e.lower() for e in extra]
        last = text[-1:]
        ends_clean = last in ".!?" or (ord(last) > 0x2000 and not last.isalnum())  # punctuation or emoji
        sep = " " if ends_clean else ". "
        text += sep + " ".join(extra)
    return text


def rc(text, phrase):
    """Return phrase as it occurs verbatim in text (case may have changed)."""
    if phrase in text:
        return phrase
    i = text.lower().find(phrase.lower())
    if i < 0:
        raise ValueError("phrase %r not in %r" % (phrase, text))
    return text[i:i + len(phrase)]


# ---------------------------------------------------------------- builders
def give_item(term):
    return fill(pick(GIVES[term]))


def get_item(term):
    return fill(pick(GETS[term]))


def build_give(term):
    base, past, ing, noun = give_item(term)
    s = our_subj()
    k = R.randrange(11)
    if k <= 2:
        x = past
        core = "%s %s" % (s[0], past)
        if chance(0.3):
            core += pick([" on the call", " this morning", " today", " yesterday",
                          " in the revised quote", " over email"])
    elif k == 3:
        x = base
        core = "%s %s %s" % (s[0], pick(["will", "'ll", "are going to"]) if s[0] == "we" else "will", base)
        core = core.replace(" 'll", "'ll")
        if chance(0.3):
            core = pick(["ok ", "decided: ", "done deal, ", "fine, "]) + core
    elif k == 4:
        x = ing
        core = "%s %s" % (prog(s), ing)
    elif k == 5:
        x = base
        teller = pick(OUR)[0]
        core = "%s %s %s we'd %s" % (teller, pick(["told", "promised", "assured"]), them(), base)
    elif k == 6:
        x = base
        core = "%s %s %s we'll %s" % (pick(["just let", "I let", "Dana let", "we let", "Marcus let"]),
                                       them(), pick(["know", "know that"]), base)
    elif k == 7:
        x = noun
        core = "%s, %s can have %s" % (pick(["fine", "ok", "alright", "whatever"]),
                                        pick(["they", "they", pick(COMPANIES)]), noun)
    elif k == 8:
        x = noun
        core = "%s the revised %s with %s" % (pick(["sent over", "sent", "just sent", "Priya sent"]),
                                              pick(["proposal", "quote", "order form", "SOW"]), noun)
    elif k == 9:
        x = "%s %s" % (pick(["accepted their ask for", "said yes to", "signed off on", "approved"]), noun)
        core = "%s %s" % (s[0], x)
    else:
        x = participle(past)
        core = "%s %s" % (have(s), x)
        if chance(0.5):
            core += pick([" as of today", " for the renewal", ", it's in the draft", ", legal has the language"])
    text = decorate(core, "give", "stmt")
    return {"text": text, "label": "give", "term": term, "x": rc(text, x)}


def build_get(term):
    base, past, noun = get_item(term)
    s = their_subj()
    k = R.randrange(8)
    if k <= 2:
        y = past
        core = "%s %s" % (s[0], past)
        if chance(0.3):
            core += pick([" on the call", " this morning", " over email", " in their redlines", " yesterday"])
    elif k == 3:
        y = base
        core = "%s will %s" % (s[0], base)
    elif k == 4:
        y = base
        core = "%s offered to %s" % (s[0], base)
    elif k == 5:
        y = base
        core = "%s %s they'll %s" % (s[0], pick(["confirmed", "came back and said", "emailed that"]), base)
    elif k == 6:
        y = past
        core = "%s %s" % (v3(s, "just", "just"), past)
    else:
        if noun.startswith(("no ", "them ")) or noun[0].isdigit() or noun[0] in "$€£":
            y = past
            core = "%s %s %s" % (s[0], pick(["finally", "actually"]), past)
        else:
            y = "%s %s" % (pick(["said yes to", "signed off on", "agreed to"]), noun)
            core = "%s %s" % (s[0], y)
    text = decorate(core, "get", "stmt")
    return {"text": text, "label": "get", "term": term, "y": rc(text, y)}


def build_trade(term):
    gb, gp, gi, gn = give_item(term)
    oterm = pick([t for t in TERMS if t != term])
    tb, tp, tn = get_item(oterm)
    s = our_subj()
    k = R.randrange(10)
    if k == 0:
        x, y = gp, tn
        core = "%s %s in exchange for %s" % (s[0], gp, tn)
    elif k == 1:
        x, y = gp, tn
        core = "%s %s %s %s" % (s[0], gp, pick(["in return for", "in return for", "to get"]), tn)
    elif k == 2:
        x, y = gb, tb
        core = "%s told %s we'd %s if they %s" % (pick(OUR)[0], them(), gb, tb)
    elif k == 3:
        x, y = gb, tb
        if s[0] == "we":
            core = "we'll %s as long as they %s" % (gb, tb)
        else:
            core = "%s will %s as long as they %s" % (s[0], gb, tb)
    elif k == 4:
        x, y = gb, tb
        core = "%s offered to %s provided they %s" % (s[0], gb, tb)
    elif k == 5:
        x, y = gb, tb
        core = "if they %s, we'll %s" % (tb, gb)
        if chance(0.4):
            core = "told them: " + core
    elif k == 6:
        x, y = gp, tp
        ts = their_subj()
        core = "%s %s, and in return we %s" % (ts[0], tp, gp)
    elif k == 7:
        x, y = gb, tb
        core = "deal is: they %s, we %s" % (tb, gb)
    elif k == 8:
        x, y = gb, tb
        core = "%s agreed to %s on condition that they %s" % (s[0], gb, tb)
    else:
        x, y = gi, tb
        core = "got them to %s by %s" % (tb, gi)
    text = decorate(core, "trade", "stmt")
    return {"text": text, "label": "trade", "term": term, "x": rc(text, x), "y": rc(text, y)}


def build_proposal(term):
    base, past, ing, noun = give_item(term)
    k = R.randrange(14)
    kind = "q"
    if k == 0:
        x, core = base, "should we %s?" % base
    elif k == 1:
        x, core = ing, "%s %s" % (pick(["thinking of", "I'm thinking of", "been thinking about", "toying with"]), ing)
        kind = "stmt"
    elif k == 2:
        x, core = base, "what if we %s?" % base
    elif k == 3:
        x, core = base, "maybe we %s%s" % (base, pick(["?", " to get this over the line?", " if they stall?"]))
    elif k == 4:
        x, core = ing, "could we live with %s?" % ing
    elif k == 5:
        x, core = ing, "I could live with %s, thoughts?" % ing
    elif k == 6:
        x, core = base, "draft for the reply: we %s" % base
        kind = "stmt"
    elif k == 7:
        x = base
        core = "we'll %s %s" % (base, pick(["if needed", "if it comes to that", "if legal approves",
                                               "if finance is ok with it", "as a last resort"]))
        kind = "stmt"
    elif k == 8:
        x, core = ing, "any objections to %s?" % ing
    elif k == 9:
        x, core = ing, "leaning toward %s — lmk" % ing
        kind = "stmt"
    elif k == 10:
        x, core = base, "wondering if we should %s" % base
        kind = "stmt"
    elif k == 11:
        x, core = base, "do we want to %s?" % base
    elif k == 12:
        x, core = base, "%s ok if I %s?" % (pick(["@priya", "@marcus", "<@U024BE7LH>", "@Coach", "Dana,"]), base)
    elif not noun.startswith(("a ", "an ", "free ", "the ")):
        x, core = base, "is it crazy to %s?" % base
    else:
        x, core = noun, "would %s be crazy here?" % noun
    text = decorate(core, "proposal", kind)
    return {"text": text, "label": "proposal", "term": term, "x": rc(text, x)}


def build_other(term):
    k = R.randrange(13)
    kind = "stmt"
    if k <= 2:  # their asks
        base, past, ing, noun = give_item(term)
        s = their_subj()
        kk = R.randrange(6)
        if kk == 0:
            core = "%s %s" % (v3(s, "wants", "want"), noun)
        elif kk == 1:
            core = "%s %s asking for %s" % (s[0], be(s), noun)
        elif kk == 2:
            core = "%s pushed for %s" % (s[0], noun)
        elif kk == 3:
            core = "%s'll probably ask for %s" % (s[0] if s[0] == "they" else s[0] + " is going to", noun)
            core = core.replace(" is going to'll", " will")
        elif kk == 4:
            core = "%s said they'd need %s" % (s[0], noun)
        else:
            core = "%s asked us to %s" % (s[0], base)
    elif k <= 5:  # negated / refused gives
        base, past, ing, noun = give_item(term)
        kk = R.randrange(8)
        if kk == 0:
            core = "we did NOT %s" % base
        elif kk == 1:
            core = "%s won't %s" % (pick(["we", "we", "I", pick(OUR_NAMES)]), base)
        elif kk == 2:
            core = "I told %s we can't %s" % (them(), base)
        elif kk == 3:
            core = "no way we %s" % base
        elif kk == 4:
            core = "%s refused to %s" % (pick(OUR_NAMES + ["legal", "finance"]), base)
        elif kk == 5:
            core = "we're not %s, period" % ing
        elif kk == 6:
            core = "to be clear we didn't %s, whatever their email says" % base
        else:
            core = "even if they push, we're not going to %s" % base
    elif k <= 7:  # our asks
        base, past, noun = get_item(term)
        kk = R.randrange(5)
        if kk <= 1 and (noun.startswith(("no ", "them ")) or noun[0].isdigit()):
            core = "%s them to %s" % (pick(["we asked", "let's push"]), base)
        elif kk == 0:
            core = "we asked them for %s" % noun
        elif kk == 1:
            core = "let's push them for %s" % noun
        elif kk == 2:
            core = "%s asked %s to %s" % (pick(["I", "Priya", "Marcus", "we"]), pick(["them"] + COMPANIES), base)
        elif kk == 3:
            core = "can we get them to %s?" % base
            kind = "q"
        else:
            core = "we need them to %s before we move on anything" % base
    elif k == 8:  # their refusals/stalls
        base, past, noun = get_item(term)
        s = their_subj()
        kk = R.randrange(4)
        if kk == 0:
            core = "%s won't %s" % (s[0], base)
        elif kk == 1:
            core = "%s refused to %s" % (s[0], base)
        elif kk == 2:
            core = "%s won't budge on %s" % (s[0], pick(TERM_NOUN[term]))
        else:
            core = "%s said no to %s" % (s[0], noun)
    elif k <= 10:  # internal facts
        core = fill((pick(FACTS[term]),))[0]
        if chance(0.3):
            core = pick(["for context, ", "reminder: ", "just so everyone knows, ", "fwiw "]) + core
    else:  # questions about facts
        q = pick(FACT_QUESTIONS)
        if "{money}" in q and term != "price":
            q = pick([t for t in FACT_QUESTIONS if "{money}" not in t])
        core = fill((q.replace("{noun}", pick(TERM_NOUN[term])),))[0]
        kind = "q"
    text = decorate(core, "other", kind)
    return {"text": text, "label": "other", "term": term}


CHAT_BITS = {
    "call": ["call moved to {t}", "their team pushed the call to {t}", "sync is now at {t}",
             "can we do {t} instead?", "running late, join at {t}?"],
    "who": ["who owns the MSA redlines?", "who's taking notes on the {c} call?",
            "can someone send me the latest deck for {c}?", "where's the {c} mutual action plan?",
            "is the {c} recording up yet?", "did anyone get the follow-up email from {c}?"],
    "thanks": ["great work team 🎉", "thanks all 🙏", "nice job on the {c} call", "🔥🔥", "👍",
               "appreciate everyone jumping in", "ty {n}!", "kudos {n} 🙌"],
    "admin": ["OOO tomorrow, {n} is covering {c}", "notes from the {c} call are in the doc",
              "updated the CRM stage for {c}", "added {c} to the pipeline review",
              "{n} is out sick today", "calendar invite for {c} sent", "booked the room for {t}",
              "@Coach summarize this thread pls", "recap of the {c} call going out by {t}"],
}


def build_chatter():
    cat = pick(list(CHAT_BITS))
    core = pick(CHAT_BITS[cat])
    core = core.replace("{t}", pick(["3pm", "2:30", "10am ET", "4pm", "noon", "9:15", "Thursday 11am", "after lunch"]))
    core = core.replace("{c}", pick(COMPANIES)).replace("{n}", pick(OUR_NAMES))
    text = decorate(core, "other", "chat")
    return {"text": text, "label": "other", "term": "other"}


BUILDERS = {"give": build_give, "get": build_get, "trade": build_trade,
            "proposal": build_proposal, "other": build_other}


def tidy(row):
    t = re.sub(r"  +", " ", row["text"]).strip()
    row["text"] = t
    for k in ("x", "y"):
        if k in row:
            row[k] = rc(t, row[k])
    return row


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sources", "templated.jsonl")
    seen = set()
    rows = []

    def add(maker, arg):
        for _ in range(200):
            row = tidy(maker(arg) if arg is not None else maker())
            key = row["text"].lower()
            if key not in seen:
                seen.add(key)
                rows.append(row)
                return
        raise RuntimeError("could not find a unique text")

    for label in ["give", "get", "trade", "proposal", "other"]:
        n = QUOTA[label] - (CHATTER if label == "other" else 0)
        for i in range(n):
            add(BUILDERS[label], TERMS[i % len(TERMS)])
    for _ in range(CHATTER):
        add(build_chatter, None)
    assert len(rows) == TOTAL
    R.shuffle(rows)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for i, row in enumerate(rows, 1):
            rec = {"id": "tpl-%04d" % i, "text": row["text"], "label": row["label"], "term": row["term"]}
            for k in ("x", "y"):
                if k in row:
                    rec[k] = row[k]
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
