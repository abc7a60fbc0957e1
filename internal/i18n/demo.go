package i18n

// The /demo page's texts, merged into the English and Chinese catalogues.
// {code} and {link} mark where the page puts code or a link.
var demoEN = map[string]string{
	"demo.title":         "Natter demo",
	"demo.intro":         "Natter is a self-hosted comment server for blogs and static sites. It renders comment threads on the server and adds them to your pages with {link}, so readers get fast, accessible comments without a heavy JavaScript bundle.",
	"demo.succeeds":      "It succeeds Isso and speaks Isso's JSON API, so existing sites can switch without changing their pages.",
	"demo.embed_heading": "Embed a thread",
	"demo.embed_text":    "Add these lines where the comments should appear. The {code} parameter names the thread; use each page's path. The link is for readers whose browser cannot run the widget.",
	"demo.embed_note":    "The script prepares htmx on your page; the {code} then loads the thread from Natter. Your site must be listed in Natter's configuration for its requests to be accepted.",
	"demo.isso_heading":  "Coming from Isso",
	"demo.isso_text":     "Pages written for Isso keep working: point their {code} attribute at Natter and leave the rest as it is. Natter answers at Isso's script path with its own widget and honours the {code} settings; Isso's own client, if you host it, works against Natter's Isso-compatible API.",
	"demo.live_heading":  "Live demo",
	"demo.live_text":     "This is the real widget, loaded by the snippet above. Comments posted here are stored in the thread {code}.",
	"demo.nojs":          "Read and post comments without JavaScript",
}

var demoZH = map[string]string{
	"demo.title":         "Natter 演示",
	"demo.intro":         "Natter 是一个可自行托管的评论服务器，适用于博客和静态网站。它在服务器上渲染评论，并通过 {link} 加入你的页面，读者无需加载庞大的 JavaScript 即可获得快速、无障碍的评论。",
	"demo.succeeds":      "它是 Isso 的继任者，兼容 Isso 的 JSON API，现有网站无需修改页面即可切换。",
	"demo.embed_heading": "嵌入评论",
	"demo.embed_text":    "在要显示评论的位置加入以下几行。{code} 参数指定评论串，请使用每个页面的路径。其中的链接供无法运行评论组件的浏览器使用。",
	"demo.embed_note":    "脚本会在你的页面上准备好 htmx，然后 {code} 从 Natter 加载评论。你的网站必须列在 Natter 的配置中，其请求才会被接受。",
	"demo.isso_heading":  "从 Isso 迁移",
	"demo.isso_text":     "为 Isso 编写的页面可以继续使用：把其 {code} 属性指向 Natter，其余保持不变。Natter 在 Isso 的脚本路径上提供自己的组件，并遵循 {code} 设置；如果你自行托管 Isso 的客户端，它也能与 Natter 兼容 Isso 的 API 配合使用。",
	"demo.live_heading":  "在线演示",
	"demo.live_text":     "这是由上面的代码加载的真实组件。在这里发表的评论保存在评论串 {code} 中。",
	"demo.nojs":          "无需 JavaScript 阅读和发表评论",
}
