"""Names and codes of the county's townships, villages and villager groups, and of their people."""

from dataclasses import dataclass

import numpy as np

COUNTY_NAME = "示范县"
TOWNSHIP_NAMES = (
    "城关镇 东风乡 红旗镇 新华乡 胜利镇 前进乡 永安镇 太平乡 长乐镇 兴隆乡 和平镇 富强乡 石门镇 柳林乡 "
    "白沙镇 青龙乡 黄土镇 高桥乡 马坊镇 南董镇 北苏乡 西阳镇 东庄乡 三合镇 双河乡 大营镇 小店乡 新城镇 "
    "古城乡 龙泉镇 金沙乡 杨柳镇 槐树乡 桃园镇 杏林乡 梨园镇 枣林乡 临河镇 沙河乡 清水镇"
).split()
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN_NAME_CHARS = "建国华明丽秀英军伟芳强磊洋勇艳杰娟涛敏超霞平刚桂兰志红海玉春德福荣庆文俊静凤云"
VILLAGE_PREFIXES = ("", "东", "西", "南", "北", "前", "后", "大", "小")  # none of these is a surname
VILLAGE_SUFFIXES = ("家庄", "庄", "屯", "营", "堡", "寨", "店", "家洼", "家坊", "官庄", "辛庄", "家屯")
PHONE_PREFIXES = ("13", "15", "18")


@dataclass
class Units:
    """The hierarchy below the county. Villages and bottom cells are numbered township by township."""

    township_codes: list
    township_names: list
    village_township: np.ndarray
    village_codes: list
    village_names: list
    cell_village: np.ndarray
    cell_numbers: np.ndarray  # group number, 0 for the cell of a village without groups
    cell_names: list  # ZLDWMC: village name + group name


def _chinese_number(n):
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (1–99)."""
    digits = "零一二三四五六七八九"
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else digits[tens] + "十")
    return head + (digits[ones] if ones else "")


def person_name(rng):
    given = rng.choice(list(GIVEN_NAME_CHARS), size=rng.integers(1, 3))
    return SURNAMES[rng.integers(len(SURNAMES))] + "".join(given)


def phone_number(rng):
    return PHONE_PREFIXES[rng.integers(len(PHONE_PREFIXES))] + "".join(map(str, rng.integers(0, 10, 9)))


def name_units(config, groupless, rng):
    county = config.county_code
    others = rng.choice(len(TOWNSHIP_NAMES) - 1, size=config.townships - 1, replace=False) + 1
    township_names = [TOWNSHIP_NAMES[0]] + [TOWNSHIP_NAMES[i] for i in others]
    township_codes = [f"{county}{t + 1:03d}" for t in range(config.townships)]

    n_villages = config.townships * config.villages
    village_township = np.arange(n_villages) // config.villages
    village_codes = [f"{township_codes[t]}{v % config.villages + 1:03d}" for v, t in enumerate(village_township)]
    picks = rng.choice(len(VILLAGE_PREFIXES) * len(SURNAMES) * len(VILLAGE_SUFFIXES), n_villages, replace=False)
    prefix, rest = np.divmod(picks, len(SURNAMES) * len(VILLAGE_SUFFIXES))
    surname, suffix = np.divmod(rest, len(VILLAGE_SUFFIXES))
    village_names = [VILLAGE_PREFIXES[p] + SURNAMES[s] + VILLAGE_SUFFIXES[x] + "村" for p, s, x in zip(prefix, surname, suffix)]

    per_village = np.where(groupless, 1, config.groups)
    cell_village = np.repeat(np.arange(n_villages), per_village)
    cell_numbers = np.arange(len(cell_village)) - np.repeat(np.cumsum(per_village) - per_village, per_village) + 1
    cell_numbers[groupless[cell_village]] = 0
    group_names = [f"{_chinese_number(g)}组" if g else "" for g in cell_numbers]
    cell_names = [village_names[v] + group for v, group in zip(cell_village, group_names)]
    return Units(
        township_codes=township_codes,
        township_names=township_names,
        village_township=village_township,
        village_codes=village_codes,
        village_names=village_names,
        cell_village=cell_village,
        cell_numbers=cell_numbers,
        cell_names=cell_names,
    )


def location_codes(units):
    """ZLDWDM of every bottom cell: village code, 3-digit group (000 without groups), 0000."""
    return [f"{units.village_codes[v]}{g:03d}0000" for v, g in zip(units.cell_village, units.cell_numbers)]


def bottom_cell_codes(units):
    """Grid code of every bottom cell: 15-digit group code, or the 12-digit village code without groups."""
    return [
        f"{units.village_codes[v]}{g:03d}" if g else units.village_codes[v]
        for v, g in zip(units.cell_village, units.cell_numbers)
    ]
