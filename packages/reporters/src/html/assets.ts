/** The report's style sheet: screen and print. */
export const CSS = `
:root{--ink:#16191f;--muted:#5f6b7a;--line:#d5dbdb;--soft:#f2f3f3;--panel:#fff;--accent:#0972d3;--error:#d91515;--error-bg:#fff0ef;--warn:#b26b00;--warn-bg:#fff7e0;--ok:#037f0c;--ok-bg:#effff1;--sup:#7d8998;--hl:#ffd400}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--soft)}
a{color:var(--accent)}
header.top{background:#232f3e;color:#fff;padding:18px 32px}
header.top h1{margin:0;font-size:22px;font-weight:600}
header.top p{margin:4px 0 0;color:#d1d5db;font-size:13px}
nav.toc{background:#fff;border-bottom:1px solid var(--line);padding:8px 32px;position:sticky;top:0;z-index:5;display:flex;gap:20px;flex-wrap:wrap}
nav.toc a{text-decoration:none;font-weight:600;font-size:13px}
main{padding:20px 32px 48px;max-width:1500px;margin:0 auto}
section.panel,.file{scroll-margin-top:44px}
section.panel{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:18px 22px;margin:0 0 20px}
h2{font-size:18px;margin:0 0 12px}
h3{font-size:15px;margin:18px 0 8px}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:0 0 8px}
.card{flex:1 1 130px;border:1px solid var(--line);border-radius:8px;padding:10px 14px;background:#fafafa}
.card .n{font-size:26px;font-weight:700;line-height:1.1}
.card .l{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.card.error .n{color:var(--error)}.card.warning .n{color:var(--warn)}.card.suppressed .n{color:var(--sup)}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(380px,1fr));gap:8px 28px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #e9ebed;vertical-align:top}
th{font-size:12px;color:var(--muted);font-weight:600;background:#fafafa}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.sev{display:inline-block;min-width:64px;text-align:center;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600}
.sev.error{background:var(--error-bg);color:var(--error)}.sev.warning{background:var(--warn-bg);color:var(--warn)}.sev.suppressed{background:#eef0f2;color:var(--sup)}
.pass{color:var(--ok);font-weight:600}.fail{color:var(--error);font-weight:600}
.muted{color:var(--muted)}
td code{white-space:nowrap}
code{font:12px/1.3 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f4f4f4;padding:1px 4px;border-radius:3px;word-break:break-all}
.filters{display:flex;flex-wrap:wrap;gap:14px;align-items:center;background:#fafafa;border:1px solid var(--line);border-radius:8px;padding:8px 12px;margin:0 0 14px}
.filters label{font-size:13px;white-space:nowrap}
.filters select{font:inherit;padding:2px 6px}
.filters .shown{margin-left:auto;color:var(--muted);font-size:13px}
.file{border-top:1px solid var(--line);padding:6px 0 14px;content-visibility:auto;contain-intrinsic-size:auto 480px}
.file:first-of-type{border-top:0}
.file h3{display:flex;flex-wrap:wrap;gap:8px;align-items:baseline}
.file h3 .path{font-weight:400;color:var(--muted);font-size:12px}
.pill{font-size:11px;font-weight:600;border:1px solid var(--line);border-radius:10px;padding:0 7px;color:var(--muted)}
.pill.error{color:var(--error);border-color:#f5b5b0}.pill.warning{color:var(--warn);border-color:#f0d08a}.pill.clean{color:var(--ok);border-color:#a9dfb0}
details.diagram{border:1px solid var(--line);border-radius:6px;margin:6px 0 10px;background:#fbfcfc}
details.diagram>summary{cursor:pointer;padding:6px 10px;font-size:13px;color:var(--muted)}
.tools{display:flex;gap:6px;padding:0 10px 6px;align-items:center;font-size:12px;color:var(--muted)}
.tools button{font:inherit;border:1px solid var(--line);background:#fff;border-radius:4px;padding:1px 9px;cursor:pointer}
.canvas{overflow:hidden;padding:0 6px 8px;touch-action:none}
svg.flow,svg.map{display:block;width:100%;height:auto;max-height:75vh;cursor:grab;user-select:none}
svg text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
.edges path{fill:none;stroke:#7d8998;stroke-width:1.4}
.edges path.branch{stroke:#8a98a8}
marker path{fill:#7d8998}
.block rect.body{fill:#fff;stroke:#aab7b8;stroke-width:1.2}
.block rect.head{fill:#0972d3}
.block text.type{font-size:12px;font-weight:700;fill:#16191f}
.block text.name{font-size:11px;fill:#5f6b7a}
.block text.port{font-size:10.5px;fill:#414d5c;text-anchor:end}
.block text.port.open{fill:var(--error);font-weight:600}
.block .port-dot{fill:#fff;stroke:#7d8998}
.block{cursor:pointer}
.block:focus{outline:none}
.block.mark-error rect.body{stroke:var(--error);stroke-width:2.4;fill:var(--error-bg)}
.block.mark-error rect.head{fill:var(--error)}
.block.mark-warning rect.body{stroke:#e0a100;stroke-width:2.4;fill:var(--warn-bg)}
.block.mark-warning rect.head{fill:#e0a100}
.block.mark-suppressed rect.body{stroke:var(--sup);stroke-dasharray:5 3;stroke-width:1.6}
.block.unreachable{opacity:.62}
.block.unreachable rect.body{stroke-dasharray:6 4;stroke:#5f6b7a;stroke-width:1.6}
.block text.tag{font-size:10px;font-weight:700;fill:#5f6b7a;text-transform:uppercase;letter-spacing:.05em}
.badge circle{fill:var(--sup)}.badge text{fill:#fff;font-size:11px;font-weight:700;text-anchor:middle}
.mark-error .badge circle{fill:var(--error)}.mark-warning .badge circle{fill:#e0a100}
.block.hl rect.body{stroke:#000;stroke-width:3.5;filter:drop-shadow(0 0 6px var(--hl))}
.block.hl{opacity:1}
.dangling path{stroke:var(--error);stroke-width:1.6;stroke-dasharray:4 3;fill:none}
.dangling circle{fill:#fff;stroke:var(--error);stroke-width:1.6}
.dangling path.x{stroke-dasharray:none}
.dangling text{font-size:10.5px;fill:var(--error);font-weight:600}
.entry rect{fill:#232f3e}.entry text{fill:#fff;font-size:12px;font-weight:600;text-anchor:middle}
.links path{fill:none;stroke:#7d8998;stroke-width:1.4}
.links path.module{stroke:#0972d3}
.links path.hook{stroke:#8456ce;stroke-dasharray:6 4}
.links path.broken{stroke:var(--error);stroke-width:2;stroke-dasharray:3 3}
.node rect{fill:#fff;stroke:#7d8998;stroke-width:1.3}
.node.module rect{fill:#f0f7ff;stroke:#0972d3}
.node.instance rect{fill:#f4f4f4;stroke:#aab7b8;stroke-dasharray:4 3}
.node.broken rect{fill:var(--error-bg);stroke:var(--error);stroke-width:2;stroke-dasharray:5 3}
.node .name{font-size:12px;font-weight:700;fill:#16191f}
.node .sub{font-size:10.5px;fill:#5f6b7a}
.node.broken .sub{fill:var(--error);font-weight:600}
a.node:hover rect{stroke:#0972d3;stroke-width:2.2}
.legend{display:flex;flex-wrap:wrap;gap:16px;font-size:12px;color:var(--muted);margin:4px 0 8px}
.legend i{display:inline-block;width:22px;height:0;border-top:2px solid #7d8998;vertical-align:middle;margin-right:5px}
.legend i.module{border-color:#0972d3}.legend i.hook{border-top:2px dashed #8456ce}.legend i.broken{border-top:2px dashed var(--error)}
table.findings tr[data-block]{cursor:pointer}
table.findings tr:hover td{background:#f5f9ff}
table.findings tr.hl td{background:#fff6bf}
table.findings tr.sup td{color:var(--sup)}
table.findings td.msg{width:50%}
.reason{display:block;color:var(--ink);font-style:italic;margin-top:2px}
.empty{color:var(--muted);font-style:italic;margin:4px 0}
footer{color:var(--muted);font-size:12px;text-align:center;padding:12px}
@media print{
  @page{size:A4 landscape;margin:12mm}
  body{background:#fff;font-size:11px}
  header.top{background:#fff;color:#000;border-bottom:2px solid #000;padding:0 0 6px}
  header.top p{color:#333}
  nav.toc,.filters,.tools{display:none}
  main{padding:0;max-width:none}
  section.panel{border:0;padding:0;margin:0 0 14px}
  .file{break-inside:auto;page-break-before:auto;content-visibility:visible}
  details.diagram{border:0;break-inside:avoid}
  details.diagram>summary{display:none}
  svg.flow,svg.map{max-height:none;max-width:100% !important;cursor:auto}
  tr{break-inside:avoid}
  table.findings tr.hl td{background:none}
  .block.hl rect.body{filter:none}
  a{color:inherit;text-decoration:none}
  table.findings a::after{content:" (" attr(href) ")";font-size:9px;color:#555}
}
`;

/**
 * The report's script: diagrams rendered when their section is opened (a large report keeps them in
 * inert `<template>`s), pan and zoom, finding and block highlighting, the filters. No framework.
 */
export const SCRIPT = `
(function(){
"use strict";
function render(d){
  var t=d.querySelector("template");
  if(t){t.parentNode.replaceChild(t.content.cloneNode(true),t);}
  d.querySelectorAll("svg").forEach(zoomable);
}
function zoomable(svg){
  if(svg.__z)return;svg.__z=1;
  var vb=svg.getAttribute("viewBox").split(" ").map(Number),home=vb.slice();
  function set(){svg.setAttribute("viewBox",vb.map(function(n){return Math.round(n*10)/10;}).join(" "));}
  function zoom(f,cx,cy){var w=vb[2]*f,h=vb[3]*f;if(w<80||w>home[2]*4)return;vb=[cx-(cx-vb[0])*f,cy-(cy-vb[1])*f,w,h];set();}
  svg.__zoom=zoom;
  svg.__fit=function(){vb=home.slice();set();};
  svg.__actual=function(){var r=svg.getBoundingClientRect(),s=Math.min(r.width/vb[2],r.height/vb[3]);zoom(s,vb[0]+vb[2]/2,vb[1]+vb[3]/2);};
  svg.__focus=function(x,y,w){var nw=Math.min(home[2],Math.max(w*7,1400)),nh=nw*home[3]/home[2];vb=[x-nw/2,y-nh/2,nw,nh];set();};
  svg.addEventListener("wheel",function(e){if(!e.ctrlKey&&!e.metaKey)return;e.preventDefault();var r=svg.getBoundingClientRect();var cx=vb[0]+(e.clientX-r.left)/r.width*vb[2],cy=vb[1]+(e.clientY-r.top)/r.height*vb[3];zoom(e.deltaY>0?1.2:1/1.2,cx,cy);},{passive:false});
  var drag=null;
  svg.addEventListener("pointerdown",function(e){if(e.button!==0)return;drag={x:e.clientX,y:e.clientY,vb:vb.slice(),moved:false};});
  svg.addEventListener("pointermove",function(e){if(!drag)return;var r=svg.getBoundingClientRect();var dx=(e.clientX-drag.x)/r.width*vb[2],dy=(e.clientY-drag.y)/r.height*vb[3];if(Math.abs(e.clientX-drag.x)+Math.abs(e.clientY-drag.y)>4)drag.moved=true;if(drag.moved){vb=[drag.vb[0]-dx,drag.vb[1]-dy,vb[2],vb[3]];set();}});
  svg.addEventListener("pointerup",function(){if(drag&&drag.moved)svg.__dragged=true;drag=null;});
  svg.addEventListener("pointerleave",function(){drag=null;});
}
function clearHl(){document.querySelectorAll(".hl").forEach(function(e){e.classList.remove("hl");});}
function section(el){return el.closest(".file");}
function openDiagram(sec){var d=sec.querySelector("details.diagram");if(!d)return null;if(!d.open)d.open=true;render(d);return d;}
document.addEventListener("toggle",function(e){if(e.target.matches&&e.target.matches("details")&&e.target.open)render(e.target);},true);
document.querySelectorAll("details[open]").forEach(render);
document.addEventListener("click",function(e){
  var btn=e.target.closest("button[data-zoom]");
  if(btn){var svg=btn.closest("details").querySelector("svg");if(!svg)return;var v=svg.getAttribute("viewBox").split(" ").map(Number);var z=btn.getAttribute("data-zoom");if(z==="fit")svg.__fit();else if(z==="1")svg.__actual();else svg.__zoom(z==="in"?1/1.3:1.3,v[0]+v[2]/2,v[1]+v[3]/2);return;}
  var row=e.target.closest("tr[data-block]");
  if(row&&!e.target.closest("a")){
    clearHl();row.classList.add("hl");
    var sec=section(row),d=openDiagram(sec);if(!d)return;
    var b=d.querySelector('[data-block="'+row.getAttribute("data-block")+'"]');
    if(b){b.classList.add("hl");var s=b.ownerSVGElement,bb=b.getBBox();if(s&&s.__focus)s.__focus(bb.x+bb.width/2,bb.y+bb.height/2,bb.width);d.scrollIntoView({block:"nearest"});}
    return;
  }
  var blk=e.target.closest("g.block");
  if(blk){
    var svg2=blk.ownerSVGElement;if(svg2&&svg2.__dragged){svg2.__dragged=false;return;}
    clearHl();blk.classList.add("hl");
    var rows=section(blk).querySelectorAll('tr[data-block="'+blk.getAttribute("data-block")+'"]');
    rows.forEach(function(r){r.classList.add("hl");});
    var first=Array.prototype.find.call(rows,function(r){return !r.hidden;});if(first)first.scrollIntoView({block:"nearest"});
  }
});
document.addEventListener("keydown",function(e){if(e.key==="Enter"&&e.target.matches&&e.target.matches("g.block"))e.target.dispatchEvent(new MouseEvent("click",{bubbles:true}));});
var sev=document.querySelectorAll("input[data-filter-sev]"),rule=document.getElementById("filter-rule"),shown=document.getElementById("filter-shown");
function filter(){
  var on={};sev.forEach(function(c){on[c.value]=c.checked;});
  var r=rule?rule.value:"",n=0,all=0;
  document.querySelectorAll("table.findings tr[data-sev]").forEach(function(tr){all++;var ok=on[tr.getAttribute("data-sev")]&&(r===""||tr.getAttribute("data-rule")===r);tr.hidden=!ok;if(ok)n++;});
  if(shown)shown.textContent="Showing "+n+" of "+all+" findings";
}
sev.forEach(function(c){c.addEventListener("change",filter);});if(rule)rule.addEventListener("change",filter);
window.addEventListener("beforeprint",function(){document.querySelectorAll("details").forEach(function(d){d.open=true;render(d);});document.querySelectorAll("svg").forEach(function(s){if(s.__fit)s.__fit();});});
})();
`;
