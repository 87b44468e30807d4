import{l as e,c as n,e as t}from"./index-Bdl2EukW.js";const a={};function c(o,r){return t(),n("h1",null,"Halaman tidak ditemukan")}const l=e(a,[["render",c]]);export{l as default};
