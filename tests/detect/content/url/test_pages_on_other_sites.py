"""Phishing pages on someone else's site, told by where they sit in its path.

A phishing kit dropped on a hacked site sits in a folder of the site's software (``wp-includes/``,
``wp-content/plugins/``, ``.well-known/``): a page there is an alert whatever the link model says, while the
site's own stylesheets, images, documents, admin pages and certificate tokens in the same folders are not. A copy
of a brand's site is often put in a folder named for the brand's domain (``…/bofa.com/v3/step1.php``).

The judged links get a low model score on purpose (0.05): the rules are about what the path says alone.
"""

from __future__ import annotations

import pytest

from scamnet.detect.content.url.lexical import kit_folder
from scamnet.detect.content.url.parts import url_parts
from scamnet.detect.content.url.sites import SiteLists
from scamnet.detect.content.url.url_risk import KIT_PAGE, judge_link, protected_brands

LOW = 0.05


def _judged(link: str, model_score: float = LOW, sites: SiteLists | None = None):
    return judge_link(link, url_parts(link), model_score, protected_brands(), sites or SiteLists())


@pytest.mark.parametrize(
    ("link", "folder"),
    [
        ("http://bakery-lyon.fr/wp-includes/fonts/chase/login.php", "wp-includes/"),
        ("http://plumber-leeds.co.uk/wp-content/plugins/gallery-lite/assets/acct/home", "wp-content/plugins/"),
        ("http://dentist-porto.pt/wp-content/themes/harbour/assets/fonts/7b3f0c9e21", "wp-content/themes/"),
        ("http://tailor-kl.my/wp-content/uploads/2025/11/ups/track.html", "wp-content/uploads/"),
        ("http://garage-accra.com.gh/wp-admin/css/secure/index.php?id=2", "wp-admin/"),
        ("http://school-hue.edu.vn/components/com_content/bank/verify.html", "components/com_content/"),
        ("http://club-graz.at/sites/default/files/post/index.php", "sites/default/files/"),
        ("http://hotel-cusco.pe/.well-known/pki-validation/mod/signin/index.php", ".well-known/"),
        ("http://farm-iowa.com/.well-known/acme-challenge/update/bank-online/", ".well-known/"),
    ],
)
def test_a_page_in_a_software_folder_is_an_alert_whatever_the_model_says(link: str, folder: str) -> None:
    assert kit_folder(url_parts(link)) == folder
    judged = _judged(link)
    assert judged.is_risky and judged.score >= KIT_PAGE
    assert any(f"a page inside {folder}" in reason for reason in judged.reasons())


@pytest.mark.parametrize(
    "link",
    [
        "http://bakery-lyon.fr/wp-content/uploads/2025/03/menu-de-noel.pdf",  # a document the site offers
        "http://bakery-lyon.fr/wp-content/themes/bakery/style.css?ver=6.4",  # the theme's own stylesheet
        "http://bakery-lyon.fr/wp-includes/js/jquery/jquery.min.js",
        "http://bakery-lyon.fr/wp-admin/post.php?post=12&action=edit",  # the owner's own admin page
        "http://bakery-lyon.fr/wp-admin/network/sites.php",
        "http://bakery-lyon.fr/wp-includes/",  # the folder itself, no page in it
        "http://bakery-lyon.fr/.well-known/acme-challenge/Zk3aQx81pL0",  # a certificate token
        "http://bakery-lyon.fr/.well-known/openid-configuration",
        "https://bakery-lyon.fr/2025/03/our-christmas-menu/",  # an article
        "https://github.com/WordPress/wordpress-develop/blob/trunk/src/wp-includes/user.php",  # code, read as code
    ],
)
def test_the_sites_own_files_in_the_same_folders_are_no_sign(link: str) -> None:
    assert kit_folder(url_parts(link)) is None
    assert not _judged(link).is_risky


def test_a_well_known_site_keeps_its_cap() -> None:
    """The cap for sites on the top-site lists still holds: a compromised well-known site is suspicious at most."""
    sites = SiteLists(top={"bakery-lyon.fr": 500})
    judged = _judged("http://bakery-lyon.fr/wp-includes/fonts/chase/login.php", sites=sites)
    assert judged.known_site and not judged.is_risky


@pytest.mark.parametrize(
    ("link", "brand"),
    [
        ("https://tiles-cairo-eg.com/i/BofA.com/v3/B/Step1.php?cmd=_account-details", "Bank of America"),
        ("http://watch-parts-store.com/www.linkedIn.com/", "LinkedIn"),
        ("http://bridal-edits.com/share/www.dropbox.com/1223/f00d", "Dropbox"),
    ],
)
def test_a_brands_domain_as_a_folder_of_another_site_is_an_alert(link: str, brand: str) -> None:
    """A copy of the brand's site on someone else's host, in a folder named for the brand's domain."""
    judged = _judged(link)
    assert judged.is_risky and judged.matches[0].brand.name == brand and judged.matches[0].how == "domain_in_path"
    assert any(f"used as a folder of {url_parts(link).host}" in reason for reason in judged.reasons())


@pytest.mark.parametrize(
    "link",
    [
        "https://www.paypal.com/myaccount/summary",  # the brand's own site
        "https://blog.bakery-lyon.fr/2024/05/why-we-left-paypal/",  # the brand's name in an article's path: a hint only
        "https://bakery-lyon.fr/index.html",  # a file name is not a domain of any brand
        "https://reader.example-news.com/d/https://plus.google.com/+reader/feed",  # another link's host: a redirect
        "https://logos.example-cdn.com/brands/paypal.com/logo.png",  # an image filed under the brand's name
    ],
)
def test_the_brands_name_in_a_path_is_no_copy_of_its_site(link: str) -> None:
    assert all(m.how != "domain_in_path" for m in _judged(link).matches)
    assert not _judged(link).is_risky
