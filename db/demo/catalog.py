"""The item types residents bring to the desk, how often each place sees them and who takes them.

Each demo item type is an entry of the shipped catalogue of matters, named by its code; its class and
display name come from there, so the demo writes exactly what a registration would."""
from __future__ import annotations

from dataclasses import dataclass

from desk.domain.catalog import ItemType as CatalogueEntry
from desk.domain.catalog import default_catalogue

PROFILES = ("agricultural", "remote", "scenic", "market")


@dataclass(frozen=True)
class ItemType:
    code: str  # the catalogue entry
    police: float  # share handled as police matters (警务事项)
    departments: tuple[str, ...]  # where a grid matter goes, most likely first
    weights: tuple[int, int, int, int]  # relative frequency per profile, in PROFILES order
    titles: tuple[str, ...]  # {a} {b}: parties as 王某; {place}: address; {n}: a head count
    # A hazard to find and fix: monitoring alerts may report it, and its notes speak of rectification.
    hazard: bool = False

    def __post_init__(self) -> None:
        if default_catalogue().get(self.code) is None:
            raise ValueError(f"demo item type {self.code} is not in the catalogue of matters")

    @property
    def entry(self) -> CatalogueEntry:
        found = default_catalogue().get(self.code)
        assert found is not None  # checked at construction
        return found

    @property
    def category(self) -> str:
        """The catalogue class (矛盾纠纷, 治安与安全隐患, 民生服务)."""
        return self.entry.item_class

    @property
    def name(self) -> str:
        return self.entry.name

    @property
    def tone(self) -> str:
        """Which set of demo notes fits: the class's, or the hazards' within 治安与安全隐患."""
        return "hazard" if self.hazard else self.category


# Land, boundary and family matters make up about 68% of disputes in the farming villages.
ITEM_TYPES = (
    ItemType("land_contract_dispute", 0.05, ("village_committee", "justice"), (14, 12, 5, 2),
             ("{a}与{b}因承包地界发生争执", "{a}反映承包地被他人占种", "{a}家与村民小组因土地流转费用产生分歧")),
    ItemType("homestead_dispute", 0.1, ("village_committee", "justice", "natural_resources"), (12, 10, 5, 3),
             ("{a}与邻居{b}因宅基地边界发生争执", "{a}反映邻居{b}建房越界")),
    ItemType("forest_ownership_dispute", 0.05, ("justice", "natural_resources", "village_committee"), (8, 12, 4, 0),
             ("{a}与{b}因山林权属产生纠纷", "{a}反映自家山林被他人砍伐")),
    ItemType("marriage_family_dispute", 0.3, ("justice", "village_committee", "civil_affairs"), (10, 8, 6, 8),
             ("{a}夫妻矛盾激化，需上门调解", "{a}与{b}离婚财产分割纠纷")),
    ItemType("support_dispute", 0.05, ("justice", "village_committee", "civil_affairs"), (6, 7, 3, 3),
             ("{a}子女赡养老人问题协商未果", "{a}反映子女不履行赡养义务")),
    ItemType("neighbour_dispute", 0.2, ("village_committee", "justice"), (12, 10, 8, 12),
             ("{a}与{b}因排水问题起争执", "{a}反映邻居{b}堆放杂物占道")),
    ItemType("labour_dispute", 0.1, ("justice", "governance"), (5, 3, 6, 10),
             ("{a}等{n}人反映被拖欠工资", "{a}反映承包工程款未结清")),
    ItemType("consumer_dispute", 0.2, ("governance", "justice"), (2, 1, 12, 14),
             ("游客{a}与商户{b}发生价格纠纷", "{a}反映所购商品存在质量问题")),
    ItemType("tourism_dispute", 0.25, ("governance", "justice"), (0, 0, 16, 1),
             ("游客{a}反映民宿服务与约定不符", "游客与{place}停车收费人员发生口角")),
    ItemType("traffic_accident_dispute", 0.7, ("justice",), (4, 3, 6, 6),
             ("{a}与{b}因电动车剐蹭赔偿协商未果", "{a}与{b}因车辆追尾发生争执")),
    ItemType("suspicious_person_vehicle", 0.9, ("governance",), (3, 3, 5, 6),
             ("村民反映{place}有陌生人员多次出没", "{place}发现可疑车辆停放多日")),
    ItemType("theft", 0.95, ("governance",), (4, 3, 5, 7),
             ("{a}家中财物被盗", "{a}反映电动车被盗")),
    ItemType("gambling", 0.9, ("governance",), (3, 2, 2, 4),
             ("群众举报{place}有人聚众赌博",)),
    ItemType("noise_nuisance", 0.5, ("governance", "village_committee"), (2, 1, 5, 8),
             ("{place}夜间广场舞音响扰民", "{a}反映邻居装修噪音扰民")),
    ItemType("telecom_fraud", 0.9, ("governance",), (3, 2, 2, 4),
             ("{a}疑似遭遇电信诈骗，需上门劝阻", "{a}接到冒充客服电话，需核实预警")),
    ItemType("provocation", 0.95, ("governance",), (1, 1, 3, 4),
             ("{a}酒后在{place}滋事",)),
    ItemType("geological_hazard", 0.02, ("natural_resources", "emergency", "village_committee"), (4, 8, 4, 0),
             ("{place}后山坡体出现裂缝", "{a}反映屋后山体有落石"), hazard=True),
    ItemType("road_traffic", 0.3, ("emergency", "village_committee"), (4, 4, 6, 4),
             ("{place}急弯路段缺少警示标志", "{place}路面塌陷"), hazard=True),
    ItemType("fire_hazard", 0.1, ("fire", "emergency"), (3, 2, 4, 6),
             ("{place}电动车楼道充电", "{a}家柴草堆放紧靠灶台"), hazard=True),
    ItemType("drowning_hazard", 0.05, ("emergency", "village_committee"), (2, 2, 6, 1),
             ("{place}溪边防溺水警示牌损坏", "有儿童在{place}附近水潭戏水"), hazard=True),
    ItemType("dangerous_house", 0.0, ("natural_resources", "village_committee", "civil_affairs"), (3, 4, 1, 1),
             ("{a}家老房墙体开裂", "{place}废弃房屋存在倒塌风险"), hazard=True),
    ItemType("electrical_hazard", 0.0, ("emergency", "village_committee"), (2, 2, 2, 3),
             ("{place}电线老化私拉乱接",), hazard=True),
    ItemType("food_safety", 0.05, ("health", "governance"), (1, 0, 3, 5),
             ("群众反映{place}小吃店卫生条件差",), hazard=True),
    ItemType("social_assistance", 0.0, ("civil_affairs",), (4, 4, 2, 4),
             ("{a}咨询低保申请", "{a}家庭因病致困申请临时救助")),
    ItemType("elderly_care", 0.0, ("civil_affairs", "village_committee", "health"), (4, 6, 2, 3),
             ("{place}独居老人{a}需定期探访",)),
    ItemType("streetlight", 0.0, ("village_committee",), (3, 2, 3, 4),
             ("{place}路灯损坏多日未修",)),
    ItemType("water_supply", 0.0, ("village_committee", "emergency"), (3, 3, 3, 3),
             ("{place}停水已超过一天",)),
    ItemType("environment_sanitation", 0.0, ("village_committee",), (3, 2, 4, 5),
             ("{place}垃圾清运不及时",)),
    ItemType("medical_insurance", 0.0, ("health", "civil_affairs"), (3, 3, 1, 3),
             ("{a}咨询城乡居民医保缴费",)),
    ItemType("household_registration", 0.3, ("governance",), (2, 2, 1, 4),
             ("{a}咨询户口迁移办理", "{a}咨询居住证办理")),
)

SOURCE_LABEL = {
    "grid_worker": "网格员上报", "call_110": "110警情", "hotline_12345": "12345热线", "walk_in": "群众来访",
    "patrol": "巡逻发现", "volunteer": "义警报告", "sensor": "监测预警", "visit": "入户走访发现",
}
POLICE_SOURCES = {"call_110": 55, "walk_in": 12, "patrol": 15, "volunteer": 10, "grid_worker": 8}
GRID_SOURCES = {"grid_worker": 42, "hotline_12345": 20, "walk_in": 12, "patrol": 8, "volunteer": 10, "sensor": 5,
                "visit": 3}

# Notes by ItemType.tone.
FOLLOW_UP = {
    "dispute": ("当事人情绪较激动，需尽快介入。", "双方各执一词，请核实后组织调解。", "已初步劝解，需持续跟进。"),
    "security": ("请民警核实情况。", "群众担心安全，请尽快处置。"),
    "hazard": ("存在安全风险，请尽快排查整改。", "已现场拍照取证，请相关部门处理。"),
    "public_service": ("群众诉求明确，请协调办理。", "请相关部门上门服务。"),
}
FEEDBACK = {
    "dispute": ("经调解双方达成一致，已签订调解协议。", "已组织双方当面协商，矛盾已化解。",
                "已引导当事人通过诉讼途径解决。"),
    "security": ("民警已到场处置，情况已核实。", "已依法处理，并加强周边巡逻。"),
    "hazard": ("已设置警示标志，隐患已整改。", "已组织人员现场排险，隐患已消除。"),
    "public_service": ("已协调相关部门解决。", "已上门服务，群众诉求已办理。"),
}
RETURN_NOTES = ("反馈材料不全，退回重办", "当事人对处理结果有异议，退回重新调解", "整改未到位，退回重办")
