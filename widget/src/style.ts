// The widget's style sheet, inside its shadow root: the host page's CSS cannot reach in, and none of this leaks out.
export const css = `
:host{all:initial}
*{box-sizing:border-box;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;margin:0}
[hidden]{display:none!important}
.launcher{position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;cursor:pointer;
  background:var(--brand,#1f6feb);box-shadow:0 4px 14px rgba(0,0,0,.25);display:flex;align-items:center;justify-content:center;padding:0}
.launcher:focus-visible,button:focus-visible,textarea:focus-visible,input:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
.icon{width:26px;height:22px;background:#fff;border-radius:6px;position:relative;display:block}
.icon:after{content:"";position:absolute;left:5px;bottom:-6px;border:6px solid transparent;border-top-color:#fff;border-left-color:#fff}
.badge{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 5px;border-radius:10px;background:#d1242f;color:#fff;
  font-size:12px;font-weight:700;line-height:20px;text-align:center}
.panel{position:fixed;right:20px;bottom:88px;width:360px;max-width:calc(100vw - 40px);height:520px;max-height:calc(100vh - 110px);
  background:#fff;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.25);display:flex;flex-direction:column;overflow:hidden}
.header{background:var(--brand,#1f6feb);padding:12px 14px;display:flex;align-items:center;justify-content:space-between}
.title{color:#fff;font-size:16px;font-weight:600}
.close{background:none;border:0;color:#fff;font-size:24px;line-height:1;cursor:pointer;padding:0 4px}
.greeting,.offline,.privacy{padding:10px 14px;background:#f6f8fa;border-bottom:1px solid #e5e7eb}
.privacy{font-size:12px;color:#57606a;border:0;border-top:1px solid #e5e7eb}
.offline p{margin-bottom:6px}
.email{display:flex;gap:6px}
.email input{flex:1;border:1px solid #d0d7de;border-radius:6px;padding:6px 8px}
.email button,.send,.prechat button{border:0;border-radius:6px;background:var(--brand,#1f6feb);color:#fff;padding:6px 12px;cursor:pointer;font-weight:600}
.log{flex:1;overflow-y:auto;padding:12px 14px;display:flex;flex-direction:column;gap:8px}
.msg{max-width:80%;display:flex;flex-direction:column}
.msg.visitor{align-self:flex-end;align-items:flex-end}
.msg.agent{align-self:flex-start}
.who{font-size:11px;color:#57606a;margin-bottom:2px}
.text{padding:8px 11px;border-radius:12px;white-space:pre-wrap;word-break:break-word;background:#eef1f4}
.visitor .text{background:var(--brand,#1f6feb);color:#fff}
.typing{min-height:18px;padding:0 14px;font-size:12px;color:#57606a}
.error{padding:0 14px 6px;color:#d1242f;font-size:12px}
.handoffs{display:flex;flex-wrap:wrap;gap:6px;padding:0 10px 10px}
.handoff,.open{border:1px solid var(--brand,#1f6feb);border-radius:6px;background:#fff;color:var(--brand,#1f6feb);padding:4px 10px;cursor:pointer;
  font-size:13px;text-decoration:none;display:inline-block}
.handoffs .note{font-size:12px;color:#57606a;margin-top:4px}
.code{font-family:ui-monospace,monospace;font-weight:700;user-select:all}
.compose{display:flex;gap:8px;padding:10px;border-top:1px solid #e5e7eb}
.prechat{display:flex;flex-direction:column;gap:6px;padding:10px;border-top:1px solid #e5e7eb}
.prechat p{margin:0}
.prechat input{border:1px solid #d0d7de;border-radius:6px;padding:6px 8px}
.prechat input[aria-invalid=true]{border-color:#c62828}
.attach{border:0;background:none;cursor:pointer;padding:0 2px;display:flex;align-items:center}
.attach svg{width:22px;height:22px;fill:#57606a}
.send:disabled{opacity:.6;cursor:default}
.files{list-style:none;padding:6px 10px 0;display:flex;flex-wrap:wrap;gap:6px}
.chip{display:flex;align-items:center;gap:4px;border:1px solid #d0d7de;border-radius:12px;padding:2px 4px 2px 10px;font-size:12px;max-width:100%}
.chip span{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.chip button{border:0;background:none;cursor:pointer;font-size:16px;line-height:1;padding:0 4px}
.file{display:block;margin-top:4px;color:var(--brand,#1f6feb);word-break:break-word}
.thumb{display:block;max-width:220px;max-height:180px;border-radius:8px;background:#eef1f4;min-width:40px;min-height:40px}
.compose textarea{flex:1;resize:none;border:1px solid #d0d7de;border-radius:8px;padding:8px;max-height:120px}
@media (max-width:480px){
  .panel{right:0;bottom:0;width:100vw;max-width:100vw;height:100%;max-height:100%;border-radius:0}
  .launcher{right:14px;bottom:14px}
  .launcher.opened{display:none}
}
`;
