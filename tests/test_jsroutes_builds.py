"""What bundled single-page apps' code says about their endpoints and routes, in the shapes
builds write it: Babel's ``"".concat(...)``, an axios client with a base URL, template
literals, hash-mode routers (``crawler.extract.jsroutes``)."""

from __future__ import annotations

from crawler.extract.jsonlist import DetailTemplate, detail_candidates, endpoints
from crawler.extract.jsroutes import (
    MAX_HANDLERS,
    detail_prefixes,
    handler_templates,
    route_templates,
    routes_for,
)

PAGE = "http://127.0.0.1:9000/"

CRA = """var Qe="/api/v1";function o(e){return fetch(e).then(function(e){return e.json()})}
var i={services:function(){return o("".concat(Qe,"/services?include=category"))},
service:function(e){return o("".concat(Qe,"/services/").concat(e))}};
(0,s.jsx)(r.rU,{to:"/layanan/".concat(e.attributes.slug),children:e.attributes.title})"""

VUE = """var o=s.Z.create({baseURL:"/api/v1",timeout:15e3}),
i={daftar:function(){return o.get("/layanan")},detail:function(e){return o.get("/layanan/"+e)},
info:function(){return o.get("/pengumuman",{params:{limit:5}})}};
var u={methods:{buka:function(e){this.$router.push("/layanan/"+e.id)}}};
var l=new r.ZP({mode:"hash",routes:[{path:"/layanan/:id",component:u}]});
var m=new URLSearchParams(location.search).get("q");"""

NUXT = """const{data:e}=await h("konten",()=>$fetch("/api/konten",{query:{limit:50}}));
const{data:t}=await h(()=>`k-${r.params.slug}`,()=>$fetch(`/api/konten/${r.params.slug}`));
y(g,{to:n.kategori==="berita"?"/berita/"+n.slug:"/layanan/"+n.slug})"""


def test_babel_concat_joins_are_endpoints_and_routes():
    assert endpoints(CRA, PAGE) == ["http://127.0.0.1:9000/api/v1/services?include=category"]
    assert detail_prefixes(CRA) == ["/api/v1/services/"]
    assert route_templates(CRA) == [("/layanan/", "slug")]


def test_an_axios_client_base_url_is_joined_to_its_paths_and_is_no_endpoint_itself():
    found = endpoints(VUE, PAGE)
    assert "http://127.0.0.1:9000/api/v1/layanan" in found
    assert "http://127.0.0.1:9000/api/v1/pengumuman" in found
    assert "http://127.0.0.1:9000/api/v1" not in found
    assert not any(url.endswith("/q") for url in found)  # a Map's .get("q") is no path
    assert detail_prefixes(VUE) == ["/api/v1/layanan/"]


def test_a_hash_mode_router_shows_records_at_hash_routes():
    assert route_templates(VUE) == [("#/layanan/", "id")]


def test_template_literal_detail_and_both_routes_of_a_mixed_list():
    assert endpoints(NUXT, PAGE) == ["http://127.0.0.1:9000/api/konten"]
    assert detail_prefixes(NUXT) == ["/api/konten/"]
    assert set(route_templates(NUXT)) == {("/berita/", "slug"), ("/layanan/", "slug")}


def test_a_route_named_as_one_endpoint_shows_that_endpoints_records_only():
    routes = [("#/layanan/", "id")]
    known = ["http://127.0.0.1:9000/api/v1/layanan", "http://127.0.0.1:9000/api/v1/pengumuman"]
    assert routes_for(known[0], routes, known) == routes
    assert routes_for(known[1], routes, known) == []
    assert routes_for("http://127.0.0.1:9000/api/v1/services", [("/layanan/", "slug")],
                      ["http://127.0.0.1:9000/api/v1/services"]) == [("/layanan/", "slug")]


def test_a_list_record_is_completed_from_the_detail_endpoint_under_the_lists_path():
    services = DetailTemplate("http://127.0.0.1:9000/api/v1/services/")
    listing = "http://127.0.0.1:9000/api/v1/services?include=category"
    record = {"type": "services", "id": "3", "attributes": {"title": "NIB", "slug": "nib"}}
    (first, key), *_ = detail_candidates(record, listing, [services])
    assert first.url(record, key) == "http://127.0.0.1:9000/api/v1/services/nib"
    layanan = DetailTemplate("http://127.0.0.1:9000/api/v1/layanan/")
    found = detail_candidates({"id": 12, "nama": "DTSEN"}, "http://127.0.0.1:9000/api/v1/layanan",
                              [services, layanan])
    # the list's own path first; the other template is still a candidate, to be probed
    assert [t.url({"id": 12}, k) for t, k in found] == [
        "http://127.0.0.1:9000/api/v1/layanan/12", "http://127.0.0.1:9000/api/v1/services/12"]
    other_site = DetailTemplate("http://127.0.0.1:9001/api/v1/services/")
    assert detail_candidates(record, listing, [other_site]) == []


def test_a_page_of_many_handlers_reads_the_first_ones_with_the_pages_constants():
    # each handler joins a constant assigned once at the top of the page; a page of
    # thousands of functions is generated code, not its row buttons' few handlers
    count = MAX_HANDLERS + 50
    code = "".join(f'var base{i} = "/api/v{i}/";\n' for i in range(count)) + "".join(
        f"function detail{i}(id) {{ $.get(base{i} + 'layanan/' + id, function (r) "
        f"{{ $('#m .modal-body').html(r); }}); }}\n" for i in range(count))
    found = handler_templates(code)
    assert len(found) == MAX_HANDLERS
    assert found["detail0"] == [("/api/v0/layanan/", "id")]
    assert found[f"detail{MAX_HANDLERS - 1}"] == [(f"/api/v{MAX_HANDLERS - 1}/layanan/", "id")]
    assert f"detail{MAX_HANDLERS}" not in found
