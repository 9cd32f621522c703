using CleanShop.Application.Common.Paging;

namespace CleanShop.UnitTests.Application;

public sealed class PagedListTests
{
    [Theory]
    [InlineData(1, 20, 0, false)]    // page 1 of nothing
    [InlineData(1, 20, 19, false)]
    [InlineData(1, 20, 20, false)]   // exactly one full page
    [InlineData(1, 20, 21, true)]    // one item spills over
    [InlineData(2, 20, 40, false)]   // the last full page
    [InlineData(2, 20, 41, true)]
    [InlineData(int.MaxValue, 100, int.MaxValue, false)] // page * size overflows an int
    public void HasNext_is_true_only_while_items_remain_after_this_page(int page, int pageSize, int totalCount, bool hasNext)
    {
        var list = new PagedList<int>([], totalCount, page, pageSize);

        Assert.Equal(hasNext, list.HasNext);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(10, true)]
    public void HasPrevious_is_true_from_page_two_on(int page, bool hasPrevious)
    {
        var list = new PagedList<int>([], 1000, page, 20);

        Assert.Equal(hasPrevious, list.HasPrevious);
    }
}
