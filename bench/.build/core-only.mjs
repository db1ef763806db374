const s=performance.now(); await import('./probe/index.js').catch(()=>{}); 
