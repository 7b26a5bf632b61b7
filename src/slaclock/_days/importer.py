"""``arrangement_from_notice``: the public face of the notice parser, which loads with the first notice.

The parser (:mod:`slaclock._days.notice`) compiles its patterns on import (about 30 ms); keeping it
out of ``import slaclock`` is the only reason this module exists apart from it.
"""

from __future__ import annotations

from slaclock._days.arrangement import YearArrangement

__all__ = ["arrangement_from_notice"]


def arrangement_from_notice(
    text: str,
    *,
    base: YearArrangement | None = None,
    year: int | None = None,
    url: str = "",
) -> YearArrangement:
    """Read the text of a State Council holiday notice into a :class:`YearArrangement`.

    Takes the notice as users paste it: from gov.cn (full-width punctuation,
    U+3000 indents, the title over two lines) or from a reprint (half-width
    punctuation), with any prose around it. Reads the three formats the notices
    have had (2005–2009 "…公休日调至…", 2010–2013, 2014 onward), spans written
    with 至, — or ~, the second end without its month, spans across a year end,
    and checks every weekday in brackets against its date.

    What the notice says is checked against the 《全国年节及纪念日放假办法》 in
    force that year (10 statutory days until 2007; 11 in 2008–2024, with New
    Year's Eve instead of the third day of Spring Festival in 2008–2013; 13 from
    2025): every statutory holiday that falls on a weekday must be a day off,
    makeup workdays must be weekend days, each "共N天" must equal its span.

    Parameters
    ----------
    text : str
        The notice: its title, 文号, items and signature where the text has
        them. Only the numbered items (一、元旦：…) are read as the arrangement;
        prose before and after them is ignored.
    base : YearArrangement, optional
        For a notice that *changes* a year already arranged (a victory day, an
        extended Spring Festival, a changed Labour Day): the year it changes. The
        result is the combined year, which records both notices. A year's own
        notice takes no ``base``.
    year : int, optional
        The year, for a text without the notice's title (2000–2099). If the title
        is there, ``year`` must agree with it.
    url : str
        Where the text was read; recorded in the result.

    Returns
    -------
    YearArrangement
        Region ``"CN"``; the title (the year notice's standard title when the
        text lacks it), the publication date and 文号 where the text has them.

    Raises
    ------
    NoticeParseError
        A ``CalendarDataError``: text that is not a notice, a line that cannot
        be read, a date that does not exist, a weekday that is not its date's,
        a "共N天" that disagrees with its span, a makeup day that is not a
        weekend day, a statutory weekday holiday that is not a day off, or a
        change notice without ``base``. The message quotes the line.
    InvalidInputError
        ``text`` that is not a string, or ``base`` that is not a YearArrangement.

    See Also
    --------
    YearArrangement.to_toml : write the result as a file ``calendar(arrangements=...)`` loads.

    Examples
    --------
    >>> import slaclock as sc
    >>> text = '''国务院办公厅关于2027年部分节假日安排的通知
    ... 一、元旦：1月1日（周五）至3日（周日）放假，共3天。
    ... 二、春节：2月5日（农历除夕、周五）至12日（农历正月初七、周五）放假调休，共8天。
    ... 1月31日（周日）、2月20日（周六）上班。
    ... 三、清明节：4月3日（周六）至5日（周一）放假，共3天。
    ... 四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）上班。
    ... 五、端午节：6月9日（周三）放假1天，不调休。
    ... 六、中秋节：9月15日（周三）放假1天，不调休。
    ... 七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。'''
    >>> arr = sc.arrangement_from_notice("FICTIONAL — not an official notice:\\n" + text)
    >>> arr.year, len(arr.off_days), [d.isoformat() for d in arr.makeup_days]
    (2027, 28, ['2027-01-31', '2027-02-20', '2027-04-25', '2027-09-26', '2027-10-09'])
    >>> arr.holidays[1].name_en
    'Spring Festival'
    >>> sc.arrangement_from_notice(text.replace("2月20日（周六）", "2月20日（周五）"))
    Traceback (most recent call last):
    ...
    slaclock.errors.NoticeParseError: line 4 “1月31日...”: 2月20日 is 2027-02-20, a Saturday (星期六), not 周五
    """
    from slaclock._days.notice import read_notice  # the parser loads with the first notice (see above)

    return read_notice(text, base=base, year=year, url=url)
