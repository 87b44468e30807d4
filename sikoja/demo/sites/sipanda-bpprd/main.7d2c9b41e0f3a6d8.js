"use strict";(self.webpackChunksipanda=self.webpackChunksipanda||[]).push([[179],{4913:(U,M,c)=>{
var a=c(5879),d=c(9862),r=c(1896);
const API="/api/v1/services",ANN="/api/v1/announcements",DL="/api/v1/downloads";
let S=(()=>{class t{constructor(e){this.http=e}services(e){return this.http.get(API,{params:{page:e}})}service(e){return this.http.get(API+"/"+e)}announcements(){return this.http.get(ANN)}downloads(){return this.http.get(DL)}share(e){return location.origin+"/#/services/"+e.id}}return t.\u0275fac=function(e){return new(e||t)(a.LFG(d.eN))},t.\u0275prov=a.Yz7({token:t,factory:t.\u0275fac,providedIn:"root"}),t})();
const routes=[{path:"",component:c(2001).Home},{path:"services",component:c(2002).ServiceList},{path:"services/:id",component:c(2003).ServiceDetail},{path:"announcements/:id",component:c(2004).Announcement},{path:"downloads",component:c(2005).Downloads}];
let R=(()=>{class t{}return t.\u0275mod=a.oAB({type:t}),t.\u0275inj=a.cJS({imports:[r.Bz.forRoot(routes,{useHash:!0}),r.Bz]}),t})();
}},U=>{U.O(0,[736],()=>U(U.s=4913)),U.O()}]);
