using Negotiation.Language.Grammar;

namespace Negotiation.Language.Tests.Grammar;

public sealed class NamesTests
{
    [Theory]
    [InlineData("Priya waived the fee for Larchmont", "_person_ waived the fee for _org_")]
    [InlineData("their CFO Odette signed off", "their CFO _person_ signed off")]
    [InlineData("dana told Kessler Freight we'd hold the rate", "_person_ told _org_ _org_ we'd hold the rate")]
    [InlineData("Larchmont agreed. Ostrander did not", "Larchmont agreed. Ostrander did not")]
    public void Mark_ReplacesPeopleAndOrganisations(string text, string expected) =>
        Assert.Equal(expected, Names.Mark(text));

    [Theory]
    [InlineData("we moved the call to Friday in March")]
    [InlineData("Agreed, send the SOW and the MSA")]
    [InlineData("ping @dana or dana@acme.example about the on-prem install")]
    [InlineData("we will mark it as a grant")]
    public void Mark_LeavesOrdinaryWordsMentionsAndAddresses(string text) =>
        Assert.Equal(text, Names.Mark(text));

    [Theory]
    [InlineData("Priya", true)]
    [InlineData("tomás", true)]
    [InlineData("Larchmont", false)]
    [InlineData("will", false)]
    public void IsFirstName_KnowsPeopleNotWords(string word, bool expected) =>
        Assert.Equal(expected, Names.IsFirstName(word));
}
