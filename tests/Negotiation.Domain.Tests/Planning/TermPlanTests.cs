using Negotiation.Domain.Moves;
using Negotiation.Domain.Planning;

namespace Negotiation.Domain.Tests.Planning;

public class TermPlanTests
{
    [Fact]
    public void RoomToMove_OpeningAndWalkawayInSameUnit_IsDistanceBetweenThem() =>
        Assert.Equal(Amount.Money(15_000), new TermPlan(Term.Price, Opening: Amount.Money(100_000), Walkaway: Amount.Money(85_000)).RoomToMove);

    [Fact]
    public void RoomToMove_WalkawayAboveOpening_IsStillPositive() =>
        Assert.Equal(Amount.Duration(30, "days"), new TermPlan(Term.PaymentTerms, Opening: Amount.Duration(30, "days"), Walkaway: Amount.Duration(60, "days")).RoomToMove);

    [Fact]
    public void RoomToMove_WeeksAndDays_IsInDays() =>
        Assert.Equal(Amount.Duration(14, "days"), new TermPlan(Term.Delivery, Opening: Amount.Duration(6, "weeks"), Walkaway: Amount.Duration(28, "days")).RoomToMove);

    [Fact]
    public void RoomToMove_WalkawayOnly_IsTheWalkawayAsTotalMovement() =>
        Assert.Equal(Amount.Percent(15), new TermPlan(Term.Price, Walkaway: Amount.Percent(15)).RoomToMove);

    [Fact]
    public void RoomToMove_NoWalkaway_IsNull() =>
        Assert.Null(new TermPlan(Term.Price, Opening: Amount.Money(100_000), TargetLow: Amount.Money(90_000)).RoomToMove);

    [Fact]
    public void RoomToMove_OpeningInOtherUnit_FallsBackToWalkaway() =>
        Assert.Equal(Amount.Percent(10), new TermPlan(Term.Price, Opening: Amount.Money(100_000), Walkaway: Amount.Percent(10)).RoomToMove);
}
