(function(){"use strict";var e={6204:function(e,t,n){var a=n(6369),r=n(2809),s=n(4161);
a.ZP.use(r.ZP);
var o=s.Z.create({baseURL:"/api/v1",timeout:15e3,headers:{Accept:"application/json"}}),
i={daftarLayanan:function(){return o.get("/layanan")},detailLayanan:function(e){return o.get("/layanan/"+e)},pengumuman:function(){return o.get("/pengumuman",{params:{limit:5}})}};
var c={name:"Beranda",data:function(){return{pengumuman:[]}},created:function(){var e=this;i.pengumuman().then(function(t){e.pengumuman=t.data.data})}},
u={name:"DaftarLayanan",data:function(){return{items:[],memuat:!0}},created:function(){var e=this;i.daftarLayanan().then(function(t){e.items=t.data.data.layanan,e.memuat=!1})},methods:{buka:function(e){this.$router.push("/layanan/"+e.id)}}},
d={name:"DetailLayanan",data:function(){return{layanan:null}},created:function(){var e=this;i.detailLayanan(this.$route.params.id).then(function(t){e.layanan=t.data.data})}};
var l=new r.ZP({mode:"hash",routes:[{path:"/",name:"beranda",component:c},{path:"/layanan",name:"layanan",component:u},{path:"/layanan/:id",name:"detail-layanan",component:d},{path:"*",redirect:"/"}]});
new a.ZP({router:l,render:function(e){return e("router-view")}}).$mount("#app")}};}();
