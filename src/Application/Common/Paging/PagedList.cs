namespace CleanShop.Application.Common.Paging;

/// <summary>One page of a list: its items and where it stands in the whole.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int TotalCount, int Page, int PageSize)
{
    public bool HasPrevious => Page > 1;
    public bool HasNext => (long)Page * PageSize < TotalCount;
}
