"""The nutrients sleepmin stores per food, with their ids in each USDA release.

Retinol is preformed vitamin A (retinol and its esters, as retinol): the form the vitamin A Upper
Limit is set for (IOM 2001). It is SR28 Nutr_No 319 and FDC nutrient id 1105 ("Retinol", µg);
not 320 / 1106 ("Vitamin A, RAE"), which adds the provitamin A carotenoids of plant foods that the
Upper Limit does not cover.
"""

from __future__ import annotations

from enum import Enum


class Nutrient(Enum):
    """A stored nutrient. The value is the field name, with its unit, used everywhere."""

    ENERGY_KCAL = "energy_kcal"
    PROTEIN_G = "protein_g"
    FIBER_G = "fiber_g"
    CALCIUM_MG = "calcium_mg"
    IRON_MG = "iron_mg"
    MAGNESIUM_MG = "magnesium_mg"
    PHOSPHORUS_MG = "phosphorus_mg"
    POTASSIUM_MG = "potassium_mg"
    SODIUM_MG = "sodium_mg"
    ZINC_MG = "zinc_mg"
    COPPER_MG = "copper_mg"
    RETINOL_UG = "retinol_ug"  # preformed vitamin A, µg

    @property
    def sr_number(self) -> str:
        """Nutr_No in SR28 NUTR_DEF/NUT_DATA (also ``nutrient_nbr`` in FDC's nutrient.csv)."""
        return _SR_NUMBER[self]

    @property
    def fdc_ids(self) -> tuple[int, ...]:
        """FDC ``nutrient.id`` values, most preferred first."""
        return _FDC_IDS[self]

    @property
    def unit(self) -> str:
        return self.value.rsplit("_", 1)[1]


class Mineral(Enum):
    """The six minerals sleepmin is about."""

    CALCIUM = "calcium"
    IRON = "iron"
    MAGNESIUM = "magnesium"
    POTASSIUM = "potassium"
    ZINC = "zinc"
    COPPER = "copper"

    @property
    def nutrient(self) -> Nutrient:
        return Nutrient(f"{self.value}_mg")


_SR_NUMBER = {
    Nutrient.ENERGY_KCAL: "208",
    Nutrient.PROTEIN_G: "203",
    Nutrient.FIBER_G: "291",
    Nutrient.CALCIUM_MG: "301",
    Nutrient.IRON_MG: "303",
    Nutrient.MAGNESIUM_MG: "304",
    Nutrient.PHOSPHORUS_MG: "305",
    Nutrient.POTASSIUM_MG: "306",
    Nutrient.SODIUM_MG: "307",
    Nutrient.ZINC_MG: "309",
    Nutrient.COPPER_MG: "312",
    Nutrient.RETINOL_UG: "319",
}

# Foundation Foods often give energy only as Atwater Specific (2048) or General (2047) factors;
# the specific factors are the more accurate, so they come first.
_FDC_IDS: dict[Nutrient, tuple[int, ...]] = {
    Nutrient.ENERGY_KCAL: (1008, 2048, 2047),
    Nutrient.PROTEIN_G: (1003,),
    Nutrient.FIBER_G: (1079,),
    Nutrient.CALCIUM_MG: (1087,),
    Nutrient.IRON_MG: (1089,),
    Nutrient.MAGNESIUM_MG: (1090,),
    Nutrient.PHOSPHORUS_MG: (1091,),
    Nutrient.POTASSIUM_MG: (1092,),
    Nutrient.SODIUM_MG: (1093,),
    Nutrient.ZINC_MG: (1095,),
    Nutrient.COPPER_MG: (1098,),
    Nutrient.RETINOL_UG: (1105,),
}

MINERALS: tuple[Mineral, ...] = tuple(Mineral)
