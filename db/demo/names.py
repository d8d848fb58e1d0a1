"""Fictional people and places: names, phones and ID numbers that belong to nobody."""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from db.demo.draw import Weighted

# Common surnames, weighted towards those frequent in the hills of western Zhejiang.
SURNAMES = (
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "朱", "胡", "郭", "何",
    "高", "林", "郑", "叶", "方", "余", "汪", "祝", "毛", "姜", "程", "邵", "傅", "柴", "童", "鲁",
    "严", "蒋", "沈", "韩", "潘", "俞", "翁", "江", "宋", "罗", "应", "金", "邱", "詹", "项", "雷", "施",
)
SURNAME_DRAW = Weighted((s, 6 if i < 16 else 3) for i, s in enumerate(SURNAMES))

MALE_GIVEN = (
    "伟", "强", "军", "建", "国", "华", "明", "勇", "斌", "杰", "涛", "超", "平", "辉", "海", "峰",
    "磊", "刚", "林", "波", "志", "文", "春", "永", "荣", "根", "水", "金", "福", "忠", "新", "宇",
    "浩", "俊", "鹏", "东", "学", "良", "祥", "德",
)
FEMALE_GIVEN = (
    "芳", "娟", "敏", "静", "丽", "燕", "霞", "红", "玲", "萍", "英", "梅", "兰", "琴", "秀", "凤",
    "云", "慧", "婷", "雪", "莉", "娜", "珍", "月", "素", "佳", "颖", "洁", "琳", "倩",
)

MOBILE_PREFIXES = ("139", "138", "137", "135", "158", "159", "187", "188", "133", "153", "180", "199")

# 33 is Zhejiang; the prefecture and county digits 9901 are not allocated, so no real person matches.
ID_REGION = "339901"
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"

VILLAGES = (
    "云溪村", "竹坞村", "石门村", "枫林村", "柳塘村", "杏坪村", "松岗村", "茶岭村", "梅坞村",
    "白鹭村", "樟树村", "银坑村", "凤鸣村", "鹤林村",
)
SCENIC_VILLAGES = ("龙潭村", "桃源村", "仙岩村")
SCENIC_SPOTS = {"龙潭村": "龙潭峡谷", "桃源村": "桃源古村", "仙岩村": "仙岩洞"}
COMMUNITIES = ("青岚社区", "南街社区", "北门社区", "新城社区")
VILLAGE_FIRST = "云竹石枫柳杏松茶梅鹭樟银凤鹤金翠岩泉桂兰莲荷杉栗苍黛碧芦"
VILLAGE_SECOND = "溪坞门林塘坪岗岭坑湾畈口山岙源"
STREETS = ("青岚街", "新民路", "溪滨路", "文昌路", "解放街", "集贸路")
HILL_SPOTS = ("后山", "岭脚", "坑口", "塘背", "竹山湾", "石壁下", "茶园坡", "老屋基")


@dataclass(frozen=True)
class Person:
    name: str
    gender: str  # M | F
    birth_year: int
    phone: str
    id_number: str


def short(place: str) -> str:
    """云溪村 → 云溪, 青岚社区 → 青岚."""
    for suffix in ("社区", "村", "镇"):
        if place.endswith(suffix):
            return place[: -len(suffix)]
    return place


def village_names(rng: random.Random, count: int, scenic: int) -> tuple[list[str], list[str]]:
    """(ordinary village names, scenic village names), all distinct."""
    scenic_names = list(SCENIC_VILLAGES[:scenic])
    taken = set(scenic_names) | set(VILLAGES)
    extra = [f"{a}{b}村" for a in VILLAGE_FIRST for b in VILLAGE_SECOND if f"{a}{b}村" not in taken]
    rng.shuffle(extra)
    ordinary = (list(VILLAGES) + extra)[: count - scenic]
    return ordinary, scenic_names


class PersonFactory:
    def __init__(self, rng: random.Random, today: date):
        self._rng = rng
        self._today = today
        self._seq = 0

    def name(self, gender: str) -> str:
        rng = self._rng
        surname = SURNAME_DRAW.pick(rng)
        pool = MALE_GIVEN if gender == "M" else FEMALE_GIVEN
        given = rng.choice(pool) + (rng.choice(pool) if rng.random() < 0.7 else "")
        return surname + given

    def surname(self) -> str:
        return SURNAME_DRAW.pick(self._rng)

    def phone(self) -> str:
        return self._rng.choice(MOBILE_PREFIXES) + f"{self._rng.randrange(10**8):08d}"

    def person(self, ages: tuple[int, int], women: float = 0.5, gender: str | None = None) -> Person:
        rng = self._rng
        gender = gender or ("F" if rng.random() < women else "M")
        age = rng.randint(*ages)
        birth_year = self._today.year - age
        return Person(self.name(gender), gender, birth_year, self.phone(), self.id_number(birth_year, gender))

    def id_number(self, birth_year: int, gender: str) -> str:
        """18 digits with a valid GB 11643 check digit; the order code is odd for men, even for women."""
        rng = self._rng
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        self._seq = (self._seq + 1) % 500
        order = self._seq * 2 + (1 if gender == "M" else 0)
        body = f"{ID_REGION}{birth_year:04d}{month:02d}{day:02d}{order:03d}"
        total = sum(int(d) * w for d, w in zip(body, ID_WEIGHTS))
        return body + ID_CHECK[total % 11]
