"""The only code that changes instruments, their versions, campaigns and public links, split by noun.

`versions` (instruments and versions: drafts, copies, publication), `parts` (a draft's elements and
fields), `translations` (the English of any version, published or not), `campaigns` (campaigns and
their public links). Callers import the package:
`from sikap.instruments import actions; actions.publish_version(...)`.
"""

from sikap.instruments.actions.campaigns import (
    close_campaign,
    create_campaign,
    delete_campaigns,
    ensure_links,
    open_campaign,
    save_campaign,
    set_campaign_parts,
    set_link_active,
)
from sikap.instruments.actions.parts import (
    ELEMENT_FIELDS,
    FIELD_FIELDS,
    delete_element,
    delete_field,
    move_part,
    next_order,
    save_element,
    save_field,
)
from sikap.instruments.actions.translations import translate_version
from sikap.instruments.actions.versions import (
    VERSION_FIELDS,
    WEIGHT_TOLERANCE_PER_ELEMENT,
    delete_drafts,
    new_draft,
    publication_errors,
    publish_version,
    retire_version,
    save_draft,
    save_instrument,
    synonym_errors,
    update_draft,
)

__all__ = [
    "ELEMENT_FIELDS",
    "FIELD_FIELDS",
    "VERSION_FIELDS",
    "WEIGHT_TOLERANCE_PER_ELEMENT",
    "close_campaign",
    "create_campaign",
    "delete_campaigns",
    "delete_drafts",
    "delete_element",
    "delete_field",
    "ensure_links",
    "move_part",
    "new_draft",
    "next_order",
    "open_campaign",
    "publication_errors",
    "publish_version",
    "retire_version",
    "save_campaign",
    "save_draft",
    "save_element",
    "save_field",
    "save_instrument",
    "set_campaign_parts",
    "set_link_active",
    "synonym_errors",
    "translate_version",
    "update_draft",
]
